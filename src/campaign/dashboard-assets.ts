// The dashboard's inline CSS and browser script, kept as strings so the page is one file.
// The script builds the page with textContent only: repository names and reasons are data.

export const dashboardStyle = `
:root { font-family: system-ui, sans-serif; color: #1d2430; background: #f6f7f9; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 24px; }
.sub { margin: 0 0 16px; color: #5b6472; }
#totals { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; }
.card { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 10px 16px; min-width: 110px; }
.card b { display: block; font-size: 22px; }
.card span { color: #5b6472; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.bar { display: flex; height: 14px; background: #e3e6ea; border-radius: 7px; overflow: hidden; }
#bar-done { background: #2e9e5b; } #bar-failed { background: #d64545; } #bar-running { background: #e0a630; }
#progress-text { color: #5b6472; margin: 6px 0 16px; }
#filters button { border: 1px solid #c7ccd3; background: #fff; border-radius: 14px; padding: 4px 12px; margin: 0 6px 10px 0; cursor: pointer; }
#filters button[aria-pressed="true"] { background: #1d2430; color: #fff; border-color: #1d2430; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #dde1e6; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #eceef1; font-size: 14px; vertical-align: top; }
th[data-key] { cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
.status { font-weight: 600; font-size: 12px; padding: 2px 8px; border-radius: 10px; }
.COMPLETED { background: #dff3e6; color: #1f7a43; } .FAILED { background: #fbe1e1; color: #a52a2a; }
.IN_PROGRESS { background: #fdf0d5; color: #8a5a00; } .PENDING { background: #eceef1; color: #4a5260; }
.SKIPPED { background: #e8e4f6; color: #4f3f8f; }
.reason { color: #a52a2a; font-size: 12px; }
.source { color: #5b6472; font-size: 12px; }
td a { margin-right: 8px; }
code { font-size: 12px; }
#fleet h2 { font-size: 18px; margin: 20px 0 8px; }
#fleet table { margin-bottom: 12px; }
#runtimes tr.failed td:first-child { border-left: 4px solid #d64545; }
#runtimes tr.running td:first-child { border-left: 4px solid #e0a630; }
#runtimes tr.done td:first-child { border-left: 4px solid #2e9e5b; }
`;

export const dashboardScript = `
(function () {
  var statuses = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'SKIPPED'];
  var data = JSON.parse(document.getElementById('campaign-data').textContent);
  var sortKey = 'id', sortDir = 1, filter = 'ALL';

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function seconds(ms) { return ms === undefined ? '' : (ms / 1000).toFixed(1) + ' s'; }
  function criteria(row) { return row.exitCriteria ? row.exitCriteria.passed + ' passed / ' + row.exitCriteria.failed + ' failed' : ''; }
  function sortValue(row, key) {
    if (key === 'criteria') return row.exitCriteria ? row.exitCriteria.failed * 1000 - row.exitCriteria.passed : -1e9;
    if (key === 'status') return statuses.indexOf(row.status);
    var v = row[key];
    return v === undefined || v === null ? '' : v;
  }

  function renderTotals() {
    var box = document.getElementById('totals');
    box.textContent = '';
    [['total', 'Repositories']].concat(statuses.map(function (s) { return [s, s.replace('_', ' ')]; })).forEach(function (pair) {
      var card = el('div', null, 'card');
      card.id = 'total-' + pair[0];
      card.appendChild(el('b', data.totals[pair[0]]));
      card.appendChild(el('span', pair[1]));
      box.appendChild(card);
    });
    var t = data.totals, total = t.total || 1, finished = t.COMPLETED + t.FAILED + t.SKIPPED;
    document.getElementById('bar-done').style.width = (100 * (t.COMPLETED + t.SKIPPED) / total) + '%';
    document.getElementById('bar-failed').style.width = (100 * t.FAILED / total) + '%';
    document.getElementById('bar-running').style.width = (100 * t.IN_PROGRESS / total) + '%';
    document.querySelector('.bar').setAttribute('aria-valuenow', String(Math.round(100 * finished / total)));
    document.getElementById('progress-text').textContent = finished + ' of ' + t.total + ' finished (' + Math.round(100 * finished / total) + '%)';
    document.getElementById('updated').textContent = (data.live ? 'live · ' : '') + 'updated ' + new Date(data.generatedAt).toLocaleString();
  }

  function renderFilters() {
    var nav = document.getElementById('filters');
    nav.textContent = '';
    ['ALL'].concat(statuses).forEach(function (s) {
      var count = s === 'ALL' ? data.totals.total : data.totals[s];
      var button = el('button', (s === 'ALL' ? 'All' : s) + ' (' + count + ')');
      button.dataset.status = s;
      button.setAttribute('aria-pressed', String(filter === s));
      button.onclick = function () { filter = s; render(); };
      nav.appendChild(button);
    });
  }

  function renderRows() {
    var rows = data.rows.filter(function (r) { return filter === 'ALL' || r.status === filter; });
    rows.sort(function (a, b) {
      var x = sortValue(a, sortKey), y = sortValue(b, sortKey);
      return (x < y ? -1 : x > y ? 1 : 0) * sortDir || (a.id < b.id ? -1 : 1);
    });
    var body = document.querySelector('#repos tbody');
    body.textContent = '';
    rows.forEach(function (row) {
      var tr = el('tr');
      tr.dataset.repo = row.id;
      tr.dataset.status = row.status;
      var name = el('td');
      name.appendChild(el('div', row.id));
      name.appendChild(el('div', row.source, 'source'));
      tr.appendChild(name);
      var status = el('td');
      status.appendChild(el('span', row.status, 'status ' + row.status));
      if (row.reason && row.status !== 'COMPLETED') status.appendChild(el('div', row.reason, 'reason'));
      tr.appendChild(status);
      var branch = el('td');
      if (row.branch) branch.appendChild(el('code', row.branch));
      tr.appendChild(branch);
      tr.appendChild(el('td', criteria(row)));
      tr.appendChild(el('td', row.findings === undefined ? '' : row.findings));
      tr.appendChild(el('td', seconds(row.durationMs)));
      var links = el('td');
      ['plan', 'summary', 'evidence', 'diff'].forEach(function (kind) {
        if (!row.links[kind]) return;
        var a = el('a', kind);
        a.href = row.links[kind];
        links.appendChild(a);
      });
      tr.appendChild(links);
      body.appendChild(tr);
    });
    document.querySelectorAll('#repos th[data-key]').forEach(function (th) {
      th.setAttribute('aria-sort', th.dataset.key === sortKey ? (sortDir > 0 ? 'ascending' : 'descending') : 'none');
    });
  }

  function render() { renderTotals(); renderFilters(); renderRows(); }

  document.querySelectorAll('#repos th[data-key]').forEach(function (th) {
    th.onclick = function () {
      if (sortKey === th.dataset.key) sortDir = -sortDir; else { sortKey = th.dataset.key; sortDir = 1; }
      renderRows();
    };
  });
  render();

  if (data.live) {
    setInterval(function () {
      fetch(data.live, { cache: 'no-store' }).then(function (r) { return r.ok ? r.json() : null; }).then(function (fresh) {
        if (fresh) { data = fresh; render(); }
      }).catch(function () { /* the server stopped; keep the last view */ });
    }, 1000);
  }
})();
`;
