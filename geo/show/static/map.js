/* Tidemark's map: one L.geoJSON per layer, styled by each feature's properties.
   Properties (all text already escaped in Python): c colour, g geonameid, t tooltip,
   d dashed (contested / vacated / approximate), n e k w popup fields, i l event icon,
   o offset of stacked icons, r drawn as a ring, a near (placed at a parent: dashed ring),
   z a base-map town (named when zoomed in). */
var TM_POPUP = {{ popup_template }};
var TM_CLAIM = {{ claim_template }};

function tmFill(tpl, p) {
  return tpl.replace(/\{(\w)\}/g, function (m, k) { return p[k] === undefined ? '' : p[k]; });
}

function tmPopup(p) {
  var items = (p.e || []).map(function (e) { return tmFill(TM_CLAIM, e); }).join('');
  return tmFill(TM_POPUP, Object.assign({}, p, {e: items}));
}

function tmPoint(f, ll, radius) {
  var p = f.properties;
  if (p.i) {
    var dx = -3 - 24 * (p.o || 0);
    return L.marker(ll, {icon: L.divIcon({className: 'tm-icon', iconSize: [22, 22], iconAnchor: [dx, 25],
      html: '<span style="background:' + p.c + '"><i class="fa-solid fa-' + p.i + '" aria-label="' + p.l + '"></i></span>'})});
  }
  if (p.r) { return L.circleMarker(ll, {radius: 5, color: p.c, weight: 2, fill: false}); }
  if (p.z) { return L.circleMarker(ll, {radius: 2, color: '#666', weight: 1, fillColor: '#888', fillOpacity: 0.9}); }
  if (p.a) {
    return L.featureGroup([
      L.circleMarker(ll, {radius: radius + 7, color: p.c, weight: 1.5, dashArray: '3 3', fill: false, interactive: false}),
      L.circleMarker(ll, {radius: radius, color: '#222', weight: 1, fillColor: p.c, fillOpacity: 0.9})
    ]);
  }
  return L.circleMarker(ll, {radius: radius, color: p.d ? '#000' : '#222', weight: p.d ? 2 : 1,
    dashArray: p.d ? '3 2' : null, fillColor: p.c, fillOpacity: 0.9});
}

function tmStyle(f, weight, fillOpacity) {
  var p = f.properties;
  if (f.geometry.type === 'Point') { return {}; }
  return {color: p.c || '#777', weight: weight, fillColor: p.f || p.c || '#ccc',
          fillOpacity: p.f === 'none' ? 0 : fillOpacity, fill: p.f !== 'none', dashArray: p.d ? '4 3' : null};
}

function tmEach(f, layer, sticky) {
  if (f.properties.e !== undefined) {
    layer.bindPopup(function () { return tmPopup(f.properties); }, {maxWidth: Math.min(380, window.innerWidth - 90), autoPanPadding: [10, 10]});
  }
  if (f.properties.z) {
    layer.bindTooltip(f.properties.t, {permanent: true, direction: 'right', className: 'tm-town', offset: [3, 0]});
  } else if (f.properties.t) { layer.bindTooltip(f.properties.t, {sticky: sticky}); }
}

/* Town names only when zoomed in (a class on the map's container). */
function tmZoomClass(map) {
  function apply() { map.getContainer().classList.toggle('tm-near', map.getZoom() >= 7); }
  map.on('zoomend', apply); apply();
}
