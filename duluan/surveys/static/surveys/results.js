(function () {
  "use strict";
  var data = document.getElementById("chart-data");
  if (!data || typeof Chart === "undefined") return;
  JSON.parse(data.textContent).forEach(function (chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) return;
    new Chart(canvas, {
      type: "bar",
      data: { labels: chart.labels, datasets: [{ label: chart.label || "% (gia quyền)", data: chart.values, backgroundColor: "#1565c0" }] },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false,
                 scales: { x: { min: 0, max: 100, title: { display: true, text: "%" } } },
                 plugins: { legend: { display: false } } }
    });
  });
})();
