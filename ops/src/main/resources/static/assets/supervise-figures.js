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

// The grade distribution per row (stacked bars from the table's grade cells), and the three rates month by month
// (one line chart per rate, a line per row; at most 8 rows drawn, the table holds them all).
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  function chart(root, id, option) {
    var box = document.createElement('div');
    box.id = id;
    box.className = 'chart';
    root.appendChild(box);
    echarts.init(box).setOption(option);
  }
  function number(text) {
    var v = parseFloat(text);
    return isNaN(v) ? 0 : v;
  }
  var root = document.getElementById('sup-charts');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#figures-table tr.figure-row'));
  var grades = Array.prototype.slice.call(document.querySelectorAll('#figures-table th.grade-head'))
    .map(function (th) { return th.textContent.trim(); });
  if (root && rows.length > 0 && grades.length > 0) {
    chart(root, 'chart-grades', {
      animation: false, tooltip: {}, legend: {},
      xAxis: {type: 'category', data: rows.map(function (r) { return r.dataset.name; }),
        axisLabel: {interval: 0, rotate: rows.length > 4 ? 30 : 0}},
      yAxis: {type: 'value', minInterval: 1},
      series: grades.map(function (grade, i) {
        return {name: grade, type: 'bar', stack: 'grades', data: rows.map(function (r) {
          return number(r.querySelectorAll('td.grade-cell')[i].textContent);
        })};
      })
    });
  }
  var trendRoot = document.getElementById('sup-trend-charts');
  if (!trendRoot) {
    return;
  }
  var periods = Array.prototype.slice.call(document.querySelectorAll('#trend-table th.trend-period'))
    .map(function (th) { return th.textContent.trim(); });
  ['completionRate', 'onTimeRate', 'satisfactionRate'].forEach(function (rate) {
    var lines = Array.prototype.slice.call(
      document.querySelectorAll('#trend-table tr.trend-row[data-rate="' + rate + '"]')).slice(0, 8);
    if (lines.length === 0) {
      return;
    }
    chart(trendRoot, 'chart-trend-' + rate, {
      animation: false, tooltip: {trigger: 'axis'}, legend: {}, title: {text: lines[0].dataset.label, textStyle: {fontSize: 14}},
      xAxis: {type: 'category', data: periods}, yAxis: {type: 'value', max: 100},
      series: lines.map(function (tr) {
        return {name: tr.dataset.name, type: 'line', connectNulls: false,
          data: Array.prototype.slice.call(tr.querySelectorAll('td')).slice(1).map(function (td) {
            var v = td.dataset.value;
            return v === undefined || v === '' ? null : Math.round(parseFloat(v) * 1000) / 10;
          })};
      })
    });
  });
}());
