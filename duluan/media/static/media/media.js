// The media page's two charts (Chart.js 4); the same numbers are in the table below them.
(function () {
  "use strict";
  var node = document.getElementById("media-data");
  if (!node || typeof Chart === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var number = new Intl.NumberFormat("vi-VN");
  var palette = ["#1d4e89", "#b9770e", "#1e8449", "#7d3c98", "#c0392b", "#5d6d7e"];
  var sentimentColours = { tieu_cuc: "#c0392b", trung_lap: "#7f8c8d", tich_cuc: "#1e8449", "": "#bdbdbd" };
  Chart.defaults.locale = "vi-VN";
  Chart.defaults.animation = false;
  var options = {
    maintainAspectRatio: false,
    scales: { y: { beginAtZero: true, ticks: { precision: 0, callback: function (v) { return number.format(v); } } } }
  };
  function line(id, datasets, colour) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: datasets.map(function (d, i) {
          var c = colour(d, i);
          return { label: d.label, data: d.data, borderColor: c, backgroundColor: c, tension: 0.2 };
        })
      },
      options: options
    });
  }
  line("chart-topics", data.topics, function (d, i) { return palette[i % palette.length]; });
  line("chart-sentiment", data.sentiments, function (d) { return sentimentColours[d.code] || "#333"; });
})();
