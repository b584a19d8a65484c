// Stacked bars: units on time, late and missing per period (the table below says the same).
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("compliance-data");
    var canvas = document.getElementById("compliance-chart");
    if (!source || !canvas || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Đúng hạn", data: data.on_time, backgroundColor: "#2e7d32" },
          { label: "Trễ hạn", data: data.late, backgroundColor: "#ef8f00" },
          { label: "Chưa gửi", data: data.missing, backgroundColor: "#a4262c" }
        ]
      },
      options: {
        animation: false,
        responsive: true,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
