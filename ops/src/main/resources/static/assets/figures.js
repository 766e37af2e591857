// Open figures page (issue 10): fetches GET /api/public/figures?period=YYYY-MM and shows, per service centre and per
// window, a bar chart of received and completed cases (ECharts, from its WebJar) and a table of the same counts and
// the three rates; a rate whose sample is below the minimum shows as withheld, as the API marks it.
(function () {
  'use strict';
  var root = document.getElementById('figures');
  var status = document.getElementById('figures-status');
  var period = document.getElementById('period');
  var t = root.dataset;

  function percent(rate) {
    if (!rate || rate.status !== 'published' || rate.value === null) {
      return t.withheld;
    }
    return (rate.value * 100).toFixed(1) + '%';
  }

  function cell(row, text, header) {
    var c = document.createElement(header ? 'th' : 'td');
    if (header) {
      c.scope = row ? 'row' : 'col';
    }
    c.textContent = text;
    return c;
  }

  function section(id, title, rows, month) {
    var box = document.createElement('section');
    box.id = id;
    box.setAttribute('aria-labelledby', id + '-heading');
    var h = document.createElement('h2');
    h.id = id + '-heading';
    h.textContent = title;
    box.appendChild(h);
    var chart = document.createElement('div');
    chart.className = 'chart';
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', title + ': ' + t.counts);
    box.appendChild(chart);
    var table = document.createElement('table');
    var caption = document.createElement('caption');
    caption.textContent = title + ' ' + month;
    table.appendChild(caption);
    var head = document.createElement('tr');
    [t.unit, t.received, t.completed, t.completionRate, t.onTimeRate, t.satisfactionRate].forEach(function (x) {
      head.appendChild(cell(false, x, true));
    });
    var thead = document.createElement('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var body = document.createElement('tbody');
    var names = [], received = [], completed = [];
    rows.forEach(function (row) {
      var m = (row.months || []).filter(function (x) { return x.month === month; })[0] || {};
      names.push(row.name);
      received.push(m.received || 0);
      completed.push(m.completed || 0);
      var tr = document.createElement('tr');
      tr.dataset.code = row.code;
      tr.appendChild(cell(true, row.name, true));
      tr.appendChild(cell(false, String(m.received || 0)));
      tr.appendChild(cell(false, String(m.completed || 0)));
      tr.appendChild(cell(false, percent(m.completionRate)));
      tr.appendChild(cell(false, percent(m.onTimeRate)));
      tr.appendChild(cell(false, percent(m.satisfactionRate)));
      body.appendChild(tr);
    });
    table.appendChild(body);
    var scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    scroll.tabIndex = 0;
    scroll.setAttribute('role', 'region');
    scroll.setAttribute('aria-label', title);
    scroll.appendChild(table);
    box.appendChild(scroll);
    root.appendChild(box);
    if (window.echarts) {
      chart.style.height = Math.max(220, 40 * names.length + 80) + 'px';
      var c = window.echarts.init(chart);
      c.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { data: [t.received, t.completed] },
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: names, inverse: true },
        series: [
          { name: t.received, type: 'bar', data: received, itemStyle: { color: '#1d4ed8' } },
          { name: t.completed, type: 'bar', data: completed, itemStyle: { color: '#047857' } }
        ]
      });
      window.addEventListener('resize', function () { c.resize(); });
    }
  }

  function load(month) {
    root.textContent = '';
    fetch(t.api + '?period=' + encodeURIComponent(month), { headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (figures) {
        section('centres', t.centres, figures.centres || [], month);
        section('windows', t.windows, figures.windows || [], month);
        status.textContent = '';
        root.dataset.loaded = month;
      })
      .catch(function () {
        status.textContent = t.failed;
        root.dataset.loaded = 'failed';
      });
  }

  load(period.value);
}());
