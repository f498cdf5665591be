(function () {
  const data = JSON.parse(document.getElementById('pg-data').textContent);
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const cy = cytoscape({
    container: document.getElementById('net'),
    elements: data.nodes.map(n => ({data: n, position: {x: n.x, y: n.y}}))
      .concat(data.edges.map(e => ({data: e}))),
    layout: {name: 'preset'},
    wheelSensitivity: 0.3,
    style: [
      {selector: 'node', style: {'background-color': n => data.colors[n.data('cls')] || '#999',
        'label': 'data(label)', 'width': 'data(size)', 'height': 'data(size)', 'font-size': 9,
        'min-zoomed-font-size': 7, 'text-valign': 'bottom', 'color': '#333'}},
      {selector: 'edge', style: {'width': e => Math.min(1 + e.data('weight'), 6), 'line-color': '#bbb',
        'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#bbb',
        'arrow-scale': 0.6, 'label': 'data(rel)', 'font-size': 7, 'min-zoomed-font-size': 9, 'color': '#777'}},
      {selector: 'node:selected', style: {'border-width': 3, 'border-color': '#d62728'}},
      {selector: '.faded', style: {'opacity': 0.15}}
    ]
  });
  window.cy = cy;
  cy.fit(undefined, 20);

  const names = document.getElementById('names');
  const seen = new Set();
  for (const n of data.nodes) {
    for (const name of [n.label].concat(n.aliases ? n.aliases.split('; ') : [])) {
      if (name && !seen.has(name)) { seen.add(name); const o = document.createElement('option'); o.value = name; names.appendChild(o); }
    }
  }

  function esc(s) { return String(s).replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c])); }

  function show(id) {
    const n = byId.get(id);
    if (!n) return;
    cy.$(':selected').unselect();
    const node = cy.getElementById(id);
    node.select();
    cy.elements().addClass('faded');
    node.closedNeighborhood().removeClass('faded');
    cy.animate({center: {eles: node}, zoom: Math.max(cy.zoom(), 1.2)}, {duration: 300});
    const facts = data.facts[id] || [];
    const series = data.series[id] || {};
    let h = '<h2>' + esc(n.label) + '</h2><div class="meta">' + esc(n.cls) + ' · ' + n.mentions + ' mentions'
      + (n.aliases ? ' · aliases: ' + esc(n.aliases) : '') + '</div>';
    const docs = data.docs[id] || [];
    if (docs.length) h += '<div class="meta">documents: ' + docs.map(esc).join(', ') + '</div>';
    h += '<h3>Facts (' + facts.length + ')</h3>';
    for (const f of facts) {
      const other = byId.has(f.oid) ? '<a class="ent" data-id="' + esc(f.oid) + '">' + esc(f.o) + '</a>' : esc(f.o);
      const line = f.dir === 'out' ? esc(n.label) + ' <b>' + f.p + '</b> ' + other : other + ' <b>' + f.p + '</b> ' + esc(n.label);
      h += '<div class="fact">' + line + '<div class="ev">“' + esc(f.s) + '”</div><div class="src">'
        + esc(f.doc) + ' · ' + esc(f.x) + '</div></div>';
    }
    for (const ind of Object.keys(series)) {
      h += '<h3>' + esc(ind) + '</h3>';
      for (const o of series[ind]) {
        h += '<div class="fact">' + (o.year || '(no year)') + ': ' + o.value.toLocaleString() + ' ' + o.unit
          + (o.growth !== null ? ', growth ' + o.growth + ' %' : '')
          + (o.s ? '<div class="ev">“' + esc(o.s) + '”</div><div class="src">' + esc(o.doc) + '</div>' : '') + '</div>';
      }
    }
    const panel = document.getElementById('panel');
    panel.innerHTML = h;
    panel.querySelectorAll('a.ent').forEach(a => a.addEventListener('click', () => show(a.dataset.id)));
  }
  window.showEntity = show;

  cy.on('tap', 'node', evt => show(evt.target.id()));
  cy.on('tap', evt => { if (evt.target === cy) cy.elements().removeClass('faded'); });

  function find(q) {
    q = q.trim();
    if (!q) return null;
    const exact = data.nodes.find(n => n.label === q || (n.aliases && n.aliases.split('; ').includes(q)));
    if (exact) return exact;
    return data.nodes.filter(n => n.label.includes(q) || (n.aliases && n.aliases.includes(q)))
      .sort((a, b) => b.mentions - a.mentions)[0] || null;
  }
  const search = document.getElementById('search');
  function doSearch() {
    const hit = find(search.value);
    document.getElementById('status').textContent = hit || !search.value ? '' : 'No entity matches “' + search.value + '”';
    if (hit) show(hit.id);
  }
  search.addEventListener('change', doSearch);
  search.addEventListener('keydown', e => { if (e.key === 'Enter') doSearch(); });

  function applyFilters() {
    const classes = new Set([...document.querySelectorAll('input.cls:checked')].map(i => i.value));
    const rels = new Set([...document.querySelectorAll('input.rel:checked')].map(i => i.value));
    cy.batch(() => {
      cy.nodes().forEach(n => n.style('display', classes.has(n.data('cls')) ? 'element' : 'none'));
      cy.edges().forEach(e => e.style('display',
        e.data('rel').split(';').some(r => rels.has(r)) ? 'element' : 'none'));
    });
  }
  document.querySelectorAll('input.cls, input.rel').forEach(i => i.addEventListener('change', applyFilters));
  document.getElementById('fit').addEventListener('click', () => cy.fit(cy.elements(':visible'), 20));
  document.getElementById('relayout').addEventListener('click', () =>
    cy.layout({name: 'cose', animate: false, nodeDimensionsIncludeLabels: true}).run());
})();
