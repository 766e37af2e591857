// Supervisor figures page (issue 10): draws two charts from the table rendered by the server (the table stays the
// accessible source): the three rates per row, and overdue cases per row. ECharts from its WebJar.
(function () {
  'use strict';
  var root = document.getElementById('sup-charts');
  if (!root || typeof echarts === 'undefined') {
    return;
  }
  var t = root.dataset;
  var rows = Array.prototype.slice.call(document.querySelectorAll('#figures-table tr.figure-row'));
  if (rows.length === 0) {
    return;
  }
  var names = rows.map(function (r) { return r.dataset.name; });
  function series(key, percent) {
    return rows.map(function (r) {
      var v = r.dataset[key];
      if (v === undefined || v === '') {
        return null;
      }
      return percent ? Math.round(parseFloat(v) * 1000) / 10 : parseFloat(v);
    });
  }
  function chart(id, option) {
    var box = document.createElement('div');
    box.id = id;
    box.className = 'chart';
    root.appendChild(box);
    echarts.init(box).setOption(option);
  }
  var axis = {type: 'category', data: names, axisLabel: {interval: 0, rotate: names.length > 4 ? 30 : 0}};
  chart('chart-rates', {
    animation: false, tooltip: {}, legend: {}, xAxis: axis, yAxis: {type: 'value', max: 100},
    series: [
      {name: t.completionRate, type: 'bar', data: series('completionRate', true)},
      {name: t.onTimeRate, type: 'bar', data: series('onTimeRate', true)},
      {name: t.satisfactionRate, type: 'bar', data: series('satisfactionRate', true)}
    ]
  });
  chart('chart-overdue', {
    animation: false, tooltip: {}, legend: {}, xAxis: axis, yAxis: {type: 'value', minInterval: 1},
    series: [{name: t.overdue, type: 'bar', data: series('overdue', false)}]
  });
}());
