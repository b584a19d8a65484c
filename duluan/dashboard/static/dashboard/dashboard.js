// Dashboard charts (Chart.js 4). The numbers are also in a table under each chart;
// hidden (small-group) cells arrive as null and are drawn as gaps.
(function () {
  "use strict";
  var node = document.getElementById("dashboard-data");
  if (!node || typeof Chart === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var number = new Intl.NumberFormat("vi-VN");
  var sentimentColours = { tieu_cuc: "#c0392b", trung_lap: "#7f8c8d", tich_cuc: "#1e8449", trai_chieu: "#b9770e" };
  Chart.defaults.locale = "vi-VN";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;
  var ticks = { callback: function (value) { return number.format(value); } };
  var tooltip = {
    callbacks: {
      label: function (ctx) {
        var v = ctx.parsed.y !== undefined && ctx.chart.config.options.indexAxis !== "y" ? ctx.parsed.y : ctx.parsed.x;
        return ctx.dataset.label + ": " + (v === null || v === undefined ? "ẩn" : number.format(v));
      }
    }
  };
  var charts = {};

  function make(key, config) {
    var canvas = document.getElementById("chart-" + key);
    if (!canvas) { return; }
    // A white background, so the PNG is readable when pasted into a document.
    config.plugins = [{ id: "white", beforeDraw: function (chart) {
      var c = chart.ctx; c.save(); c.globalCompositeOperation = "destination-over";
      c.fillStyle = "#fff"; c.fillRect(0, 0, chart.width, chart.height); c.restore();
    } }];
    charts[key] = new Chart(canvas, config);
  }

  if (data.sentiment) {
    make("sentiment", {
      type: "line",
      data: {
        labels: data.sentiment.labels,
        datasets: data.sentiment.datasets.map(function (d) {
          var colour = sentimentColours[d.code] || "#333";
          return { label: d.label, data: d.data, borderColor: colour, backgroundColor: colour, spanGaps: false, tension: 0.2 };
        })
      },
      options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: ticks } }, plugins: { tooltip: tooltip } }
    });
  }
  if (data.topics) {
    // One ranked bar per topic over the period (not a colour per topic per day).
    var topics = data.topics.datasets[0];
    make("topics", {
      type: "bar",
      data: {
        labels: data.topics.labels,
        datasets: [{
          label: topics.label,
          data: topics.data,
          backgroundColor: topics.codes.map(function (c) { return c === "chua_phan_tich" ? "#bdbdbd" : "#1d4e89"; })
        }]
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        scales: { x: { beginAtZero: true, ticks: ticks } },
        plugins: { legend: { display: false }, tooltip: tooltip }
      }
    });
  }
  if (data.channels) {
    make("channels", {
      type: "bar",
      data: {
        labels: data.channels.datasets.map(function (d) { return d.label; }),
        datasets: [{ label: "Số phản ánh", data: data.channels.datasets.map(function (d) { return d.data[0]; }), backgroundColor: "#1d4e89" }]
      },
      options: { indexAxis: "y", maintainAspectRatio: false, scales: { x: { beginAtZero: true, ticks: ticks } }, plugins: { legend: { display: false }, tooltip: tooltip } }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-png]");
    if (!button) { return; }
    var chart = charts[button.getAttribute("data-png")];
    if (!chart) { return; }
    var link = document.createElement("a");
    link.href = chart.toBase64Image("image/png", 1);
    link.download = "bieu-do-" + button.getAttribute("data-png") + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
})();
