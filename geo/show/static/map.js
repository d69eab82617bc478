/* Tidemark's map: one L.geoJSON per layer, styled by each feature's properties.
   Properties (all text already escaped in Python): c colour, g geonameid, t tooltip,
   d dashed (contested / vacated / approximate), n e k w popup fields, i l event icon,
   o offset of stacked icons, r drawn as a ring, a near (placed at a parent: dashed ring),
   z a base-map town (named when zoomed in). */
var TM_POPUP = {{ popup_template }};
var TM_CLAIM = {{ claim_template }};

/* Leaflet's canvas fills and strokes each circle and line on its own (its own TODO: "1
   fill/stroke for all features with equal style"): at 20,000 dots and as many towns that is most
   of a map's drawing. Here a redraw gathers the circles, and the lines without fill, of one style
   into one path, filled (non-zero: overlapping dots stay filled) and stroked once. A filled
   polygon (its holes need its own even-odd fill) or an ellipse is drawn alone, after the shapes
   gathered so far, so layers keep their order; within a run, shapes of one style go together. */
(function (P) {
  if (P._tmFlush) { return; }  /* this script evaluated again in the same frame */
  var circle = P._updateCircle, poly = P._updatePoly;
  function styleKey(o) {
    var fill = o.fill ? (o.fillColor || o.color) + ' ' + o.fillOpacity : '-';
    var line = o.stroke && o.weight !== 0 ? [o.color, o.weight, o.opacity, o._dashArray || '', o.lineCap, o.lineJoin].join(' ') : '-';
    return fill + '|' + line;
  }
  function batchOf(r, o) {
    var k = styleKey(o), b = r._tmBatches.get(k);
    if (!b) { b = {options: Object.assign({}, o, {fillRule: 'nonzero'}), c: [], p: []}; r._tmBatches.set(k, b); }
    return b;
  }
  P._tmFlush = function () {
    var ctx = this._ctx, self = this;
    this._tmBatches.forEach(function (b) {
      var c = b.c, i, j, k, parts;
      ctx.beginPath();
      for (i = 0; i < c.length; i += 3) { ctx.moveTo(c[i] + c[i + 2], c[i + 1]); ctx.arc(c[i], c[i + 1], c[i + 2], 0, Math.PI * 2, false); }
      for (i = 0; i < b.p.length; i += 2) {
        parts = b.p[i];
        for (j = 0; j < parts.length; j++) {
          for (k = 0; k < parts[j].length; k++) { ctx[k ? 'lineTo' : 'moveTo'](parts[j][k].x, parts[j][k].y); }
          if (b.p[i + 1]) { ctx.closePath(); }
        }
      }
      self._fillStroke(ctx, b);
    });
    this._tmBatches.clear();
  };
  P._updateCircle = function (layer) {
    if (!this._drawing || layer._empty()) { return; }
    if (!this._tmBatches || layer._radiusY !== undefined) { if (this._tmBatches) { this._tmFlush(); } return circle.call(this, layer); }
    batchOf(this, layer.options).c.push(layer._point.x, layer._point.y, Math.max(Math.round(layer._radius), 1));
  };
  P._updatePoly = function (layer, closed) {
    if (!this._drawing || !layer._parts.length) { return; }
    if (!this._tmBatches || layer.options.fill) { if (this._tmBatches) { this._tmFlush(); } return poly.call(this, layer, closed); }
    batchOf(this, layer.options).p.push(layer._parts, !!closed);
  };
  /* Leaflet's _draw, with the gathered shapes drawn before the clip is restored */
  P._draw = function () {
    var layer, bounds = this._redrawBounds, ctx = this._ctx;
    ctx.save();
    if (bounds) {
      var size = bounds.getSize();
      ctx.beginPath();
      ctx.rect(bounds.min.x, bounds.min.y, size.x, size.y);
      ctx.clip();
    }
    this._drawing = true;
    this._tmBatches = new Map();
    for (var order = this._drawFirst; order; order = order.next) {
      layer = order.layer;
      if (!bounds || (layer._pxBounds && layer._pxBounds.intersects(bounds))) { layer._updatePath(); }
    }
    this._tmFlush();
    this._tmBatches = null;
    this._drawing = false;
    ctx.restore();
  };
})(L.Canvas.prototype);

function tmFill(tpl, p) {
  return tpl.replace(/\{(\w)\}/g, function (m, k) { return p[k] === undefined ? '' : p[k]; });
}

function tmPopup(p) {
  var items = p.e === undefined ? '<p class="tm-wait">Loading the claims…</p>'
    : (p.e || []).map(function (e) { return tmFill(TM_CLAIM, e); }).join('');
  var line = p.m === undefined ? p.w : p.w + ' · ' + p.m + ' claim(s)';  /* the page's dots: parts */
  return tmFill(TM_POPUP, Object.assign({}, p, {e: items, w: line}));
}

function tmPoint(f, ll, radius, pane) {
  var p = f.properties;
  if (p.i) {
    var dx = -3 - 24 * (p.o || 0);
    return L.marker(ll, {icon: L.divIcon({className: 'tm-icon', iconSize: [22, 22], iconAnchor: [dx, 25],
      html: '<span style="background:' + p.c + '"><i class="fa-solid fa-' + p.i + '" aria-label="' + p.l + '"></i></span>'})});
  }
  if (p.r) { return L.circleMarker(ll, {radius: 5, color: p.c, weight: 2, fill: false}); }
  if (p.z) { return L.circleMarker(ll, {radius: 2, color: '#666', weight: 1, fillColor: '#888', fillOpacity: 0.9, pane: pane || 'overlayPane'}); }
  if (p.a) {
    return L.featureGroup([
      L.circleMarker(ll, {radius: radius + 7, color: p.c, weight: 1.5, dashArray: '3 3', fill: false, interactive: false}),
      L.circleMarker(ll, {radius: radius, color: '#222', weight: 1, fillColor: p.c, fillOpacity: 0.9})
    ]);
  }
  return L.circleMarker(ll, Object.assign({radius: radius, fillOpacity: 0.9}, tmDotStyle(p)));
}
/* A dot's colour and dash (contested or vacated): what a slider move may change in place. */
function tmDotStyle(p) {
  return {color: p.d ? '#000' : '#222', weight: p.d ? 2 : 1, dashArray: p.d ? '3 2' : null, fillColor: p.c};
}

function tmStyle(f, weight, fillOpacity) {
  var p = f.properties;
  if (f.geometry.type === 'Point') { return {}; }
  return {color: p.c || '#777', weight: weight, fillColor: p.f || p.c || '#ccc',
          fillOpacity: p.f === 'none' ? 0 : fillOpacity, fill: p.f !== 'none', dashArray: p.d ? '4 3' : null};
}

var TM_POP = {maxWidth: Math.min(380, window.innerWidth - 90), autoPanPadding: [10, 10]};
function tmPopupOf(layer) { return function () { return tmPopup(layer.feature.properties); }; }

/* An embedded map's feature: its popup, tooltip, or a town to name when zoomed in. */
function tmEach(f, layer, sticky) {
  if (f.properties.w !== undefined) { layer.bindPopup(tmPopupOf(layer), TM_POP); }
  if (f.properties.z) { TM_TOWNS.push(layer); }
  else if (f.properties.t) { layer.bindTooltip(f.properties.t, {sticky: sticky}); }
}

/* The page's data layers: one tooltip (and, for the dots, one popup) on the whole layer,
   filled for the feature under the pointer (an event names the innermost layer; the features
   are set on every part of a dot, see tmSetFeature), rather than two per feature. */
function tmGroup(group, o, popups) {
  group.bindTooltip(function (l) {
    var p = l.feature ? l.feature.properties : {};
    return o.named ? tmTip(p) : (p.t || '');
  }, {sticky: !!o.sticky});
  if (popups) { group.bindPopup(function (l) { return tmPopup(l.feature.properties); }, TM_POP); }
  return group;
}
function tmSetFeature(l, f) {
  l.feature = f;
  if (l.eachLayer) { l.eachLayer(function (c) { c.feature = f; }); }
}

/* The page's points (the dots, and the events' rings): drawn on one canvas of their own, with
   no Leaflet layer apiece (at a million claims, 20,000 dots as layers took 0.4 s to make and a
   tenth of a second a move). Sets of points (one per data layer) are drawn in the order they
   came, a style at a time; the point under the pointer is found among the drawn positions
   (topmost first) and gets the one tooltip and popup; a click reaches streamlit-folium as a click
   on a layer does (the page then sends its claims). Where no point is hit, the pointer goes on
   to the canvas under it (the areas). */
var TM_PATH = {stroke: true, color: '#3388ff', weight: 3, opacity: 1, lineCap: 'round', lineJoin: 'round',
               fill: true, fillOpacity: 0.2};
var TM_STYLES = {};
function tmPath(o) {
  var key = JSON.stringify(o), got = TM_STYLES[key];
  if (!got) {
    got = TM_STYLES[key] = Object.assign({_tmKey: key}, TM_PATH, o);
    got._dashArray = o.dashArray ? o.dashArray.split(/[, ]+/).map(Number) : null;
  }
  return got;
}
/* A circle of path options o and radius r drawn once, at the screen's pixel density, and then
   copied wherever a point has that style: a copy costs the canvas far less than a path to fill
   and stroke, one at a time or thousands in one path (whose raster grows with the area it spans). */
var TM_SPRITES = {};
function tmSprite(o, r) {
  var key = o._tmKey + '@' + r, sp = TM_SPRITES[key];
  if (!sp) {
    /* whole pixels: a copy to a whole-pixel place at its own size is a plain copy, where a
       fractional one is resampled (twice to three times the work for 20,000 points) */
    var dpr = window.devicePixelRatio || 1, half = Math.ceil(r + (o.stroke ? o.weight : 0) + 1), size = 2 * half;
    var c = document.createElement('canvas'), ctx = c.getContext('2d');
    c.width = c.height = Math.ceil(size * dpr);
    ctx.scale(dpr, dpr);
    ctx.beginPath();
    ctx.arc(half, half, r, 0, Math.PI * 2, false);
    L.Canvas.prototype._fillStroke(ctx, {options: o});
    sp = TM_SPRITES[key] = {c: c, half: half, size: size, plain: c.width === size};
  }
  return sp;
}
/* The sprites of one point's circles, bottom first (``top``: the largest radius), made once
   per kind of point: found by its colour, then a number for its kind and radius (no key string
   made per point: at a million claims that was a sixth of the sprites' drawing). */
var TM_SPRITE_SETS = {};
function tmSpritesOf(p, radius) {
  var byColour = TM_SPRITE_SETS[p.c] || (TM_SPRITE_SETS[p.c] = []);
  var kind = (p.r ? 4 : p.a ? 2 : 0) + (p.d ? 1 : 0), at = radius * 8 + kind, got = byColour[at];
  if (!got) {
    var shapes = tmShapesOf(p, radius);
    got = byColour[at] = shapes.map(function (sh) { return tmSprite(sh[0], sh[1]); });
    got.top = Math.max.apply(null, shapes.map(function (sh) { return sh[1]; }));
  }
  return got;
}
/* A set's points projected by the map's projection (crs.projection.project), as two arrays. */
function tmProject(s, crs) {
  var n = s.feats.length, mx = new Float64Array(n), my = new Float64Array(n);
  for (var i = 0; i < n; i++) {
    var c = s.feats[i].geometry.coordinates, m = crs.projection.project(L.latLng(c[1], c[0]));
    mx[i] = m.x; my[i] = m.y;
  }
  s.mx = mx; s.my = my;
}
/* The circles of one point, bottom first: [path options, radius] (as tmPoint draws a layer). */
function tmShapesOf(p, radius) {
  if (p.r) { return [[tmPath({color: p.c, weight: 2, fill: false}), 5]]; }
  if (p.a) {
    return [[tmPath({color: p.c, weight: 1.5, dashArray: '3 3', fill: false}), radius + 7],
            [tmPath({color: '#222', weight: 1, fillColor: p.c, fillOpacity: 0.9}), radius]];
  }
  return [[tmPath(Object.assign({fillOpacity: 0.9}, tmDotStyle(p))), radius]];
}
var TmPoints = L.Canvas.extend({
  options: {pane: 'tmpoints', padding: 0.1},
  initialize: function (options) {
    L.Canvas.prototype.initialize.call(this, options);
    this._sets = [];
    this._hits = [];
  },
  /* the set ``name`` (made on first use) holds ``feats`` now, drawn with ``o`` (radius, named) */
  set: function (name, feats, o) {
    var s = this._sets.filter(function (x) { return x.name === name; })[0];
    if (!s) { s = {name: name, shown: false}; this._sets.push(s); }
    s.feats = feats; s.o = o; s.mx = s.my = null;  /* projected at the next draw */
    this._redrawAll();
    return s;
  },
  show: function (s, on) { s.shown = on; this._redrawAll(); },
  _redrawAll: function () {
    if (!this._map) { return; }
    this._redrawBounds = null;
    this._redrawRequest = this._redrawRequest || L.Util.requestAnimFrame(this._redraw, this);
  },
  /* Each point's screen position as latLngToLayerPoint gives it, from the set's projected
     coordinates (worked out once per set of points, not on every redraw), and its sprites: a
     first map at a million claims draws 25,000 points. */
  _draw: function () {
    var map = this._map, ctx = this._ctx, hits = this._hits = [], b = this._bounds;
    var crs = map.options.crs, t = crs.transformation, scale = crs.scale(map.getZoom()), o = map.getPixelOrigin();
    var ax = scale * t._a, bx = scale * t._b, cy = scale * t._c, dy = scale * t._d;
    this._sets.forEach(function (s) {
      if (!s.shown) { return; }
      var radius = s.o.radius || 6, reach = radius + 9, feats = s.feats;
      var x0 = b.min.x - reach, x1 = b.max.x + reach, y0 = b.min.y - reach, y1 = b.max.y + reach;
      if (!s.mx) { tmProject(s, crs); }
      for (var i = 0; i < feats.length; i++) {
        var x = Math.round(ax * s.mx[i] + bx) - o.x, y = Math.round(cy * s.my[i] + dy) - o.y;
        /* off the canvas: not drawn (as Leaflet skips a circle out of its bounds) */
        if (x < x0 || x > x1 || y < y0 || y > y1) { continue; }
        var sps = tmSpritesOf(feats[i].properties, radius);
        for (var k = 0; k < sps.length; k++) {
          var sp = sps[k];
          if (sp.plain) { ctx.drawImage(sp.c, x - sp.half, y - sp.half); }
          else { ctx.drawImage(sp.c, x - sp.half, y - sp.half, sp.size, sp.size); }
        }
        hits.push(x, y, sps.top, s, i);
      }
    });
  },
  /* the set and index of the topmost point within reach of layer point pt, or null */
  _hit: function (pt) {
    var h = this._hits;
    for (var i = h.length - 5; i >= 0; i -= 5) {
      var dx = pt.x - h[i], dy = pt.y - h[i + 1], r = h[i + 2] + 2;
      if (dx * dx + dy * dy <= r * r && h[i + 3].shown) { return {set: h[i + 3], i: h[i + 4]}; }
    }
    return null;
  },
  _below: function () { var r = this._map && this._map._renderer; return r && r !== this ? r : null; },
  _onMouseMove: function (e) {
    if (!this._map || this._map.dragging.moving() || this._map._animatingZoom) { return; }
    var hit = this._hit(this._map.mouseEventToLayerPoint(e));
    L.DomUtil[hit ? 'addClass' : 'removeClass'](this._container, 'leaflet-interactive');
    if (!hit) { this._closeTip(); var b = this._below(); if (b) { b._onMouseMove(e); } return; }
    var f = hit.set.feats[hit.i], p = f.properties, key = hit.set.name + '#' + hit.i;
    if (this._tipKey === key) { return; }
    this._closeTip();
    this._tipKey = key;
    this._tip = L.tooltip({direction: 'auto'}).setLatLng(this._latlng(f))
      .setContent(hit.set.o.named ? tmTip(p) : (p.t || '')).addTo(this._map);
  },
  _handleMouseOut: function (e) {
    this._closeTip();
    var b = this._below();
    if (b) { b._handleMouseOut(e); }
  },
  _closeTip: function () { if (this._tip) { this._tip.remove(); } this._tip = this._tipKey = null; },
  _onClick: function (e) {
    var hit = this._hit(this._map.mouseEventToLayerPoint(e));
    if (!hit) { var b = this._below(); if (b) { b._onClick(e); } return; }
    L.DomEvent.fakeStop(e);
    if (e.type === 'click') { this.open(hit.set, hit.i); }
  },
  _latlng: function (f) { var c = f.geometry.coordinates; return L.latLng(c[1], c[0]); },
  /* point i of set s clicked: its popup (where it has one), and the click told to the page */
  open: function (s, i) {
    var f = s.feats[i], ll = this._latlng(f);
    this._closeTip();
    if (f.properties.w !== undefined) {
      this._popup = L.popup(TM_POP).setLatLng(ll).setContent(tmPopup(f.properties)).openOn(this._map);
      this._popup._tmFeature = f;
    }
    var relay = (window.feature_group || []).slice(-1)[0];
    if (relay) { relay.fire('click', {latlng: ll, sourceTarget: relay}); }
  },
  /* the claims of place g came (tmLoaded): into its points' features and the open popup;
     ``whole``: the sets whose popup line comes whole with them (the dots') */
  loaded: function (pop, whole) {
    this._sets.forEach(function (s) {
      s.feats.forEach(function (f) {
        var p = f.properties;
        if (p.g !== pop.g || p.w === undefined) { return; }
        p.e = pop.e; p.n = pop.n; p.k = pop.k;
        if (whole[s.name]) { p.w = pop.w; delete p.m; }
      });
    });
    var open = this._popup;
    if (open && open.isOpen() && open._tmFeature.properties.g === pop.g) {
      open.setContent(tmPopup(open._tmFeature.properties));
    }
  },
  /* what the map shows, for tests and scripts: [{layer, p, ll, tip}] of the sets shown */
  shown: function () {
    var out = [];
    this._sets.forEach(function (s) {
      if (!s.shown) { return; }
      s.feats.forEach(function (f) {
        var c = f.geometry.coordinates, p = f.properties;
        out.push({layer: s.name, p: p, ll: [c[1], c[0]], tip: s.o.named ? tmTip(p) : (p.t || '')});
      });
    });
    return out;
  }
});
/* A set of TmPoints as a layer: the layer control shows and hides it. */
var TmPointSet = L.Layer.extend({
  initialize: function (points, set) { this._points = points; this._set = set; },
  onAdd: function () { this._points.show(this._set, true); },
  onRemove: function () { this._points.show(this._set, false); },
  bringToBack: function () { return this; },
  bringToFront: function () { return this; },
  getElement: function () { return null; }  /* a group's tooltip asks its layers for one */
});
/* The map's TmPoints, in a pane over the overlays' canvas (the areas) and under the markers;
   window.tmShown() lists what it shows and window.tmClickPoint(layer, g) clicks a point. */
function tmPointsOf(map) {
  if (!map._tmPoints) {
    if (!map.getPane('tmpoints')) { map.createPane('tmpoints').style.zIndex = 450; }
    map._tmPoints = new TmPoints().addTo(map);
    window.tmShown = function () { return map._tmPoints.shown(); };
    window.tmClickPoint = function (layer, g) {
      var pts = map._tmPoints, s = pts._sets.filter(function (x) { return x.name === layer && x.shown; })[0];
      var i = s ? s.feats.findIndex(function (f) { return f.properties.g === g; }) : -1;
      if (i >= 0) { pts.open(s, i); }
      return i >= 0;
    };
  }
  return map._tmPoints;
}

/* The page's layers name their places by id (o.named): the base file has the names, and the
   places' ids and coordinates in its order (TM_PLACES: {g, n, x, y}; a point sent as its
   position there takes them). The names by id are found at the first tooltip, not before the
   first map (20,000 places at a million claims). */
var TM_PLACES = {g: [], n: [], x: [], y: []}, TM_NAMES = null, TM_BASE = null, TM_READY = false;
function tmTip(p) {
  if (!TM_NAMES) {
    TM_NAMES = new Map();
    TM_PLACES.g.forEach(function (g, i) { TM_NAMES.set(g, TM_PLACES.n[i]); });
  }
  var n = TM_NAMES.get(p.g);
  return n ? n + ': ' + p.t : p.t;
}

/* The page's base map, fetched once (geo.show.basefile; or the file's content itself, where
   the app could not write it): its layers drawn in the base pane, bottom first, and the names
   of the places. window.tmBaseDrawn says it is drawn. */
function tmBase(map, src, pane) {
  /* from the browser's HTTP cache whenever it holds a copy, however old: the file's name is its
     content's hash, so a kept copy is never stale (the server sends no caching headers, and each
     visit fetched half a megabyte again) */
  var got = typeof src === 'string' ? tmFetchBase(src) : Promise.resolve(src);
  TM_BASE = got.then(function (d) {
    TM_PLACES = d.places;
    TM_NAMES = null;
    d.layers.forEach(function (spec) {
      var o = spec[2];
      L.geoJSON(spec[1], {pane: pane, interactive: false, smoothFactor: 1.5,
        style: function (f) { return o.style || tmStyle(f, o.weight || 1, o.fill === undefined ? 0.3 : o.fill); },
        pointToLayer: function (f, ll) { return tmPoint(f, ll, 6, pane); },
        onEachFeature: function (f, l) { tmEach(f, l, false); }}).addTo(map);
    });
    map.fire('tmbase');
    window.tmBaseDrawn = typeof src === 'string' ? src : 'inline';
  }).catch(function (e) { console.error('Tidemark: the base map could not be drawn', e); });
}

/* The base file as JSON: its gzip (written beside it once, sent as it is: the server would
   compress the JSON again for every visit) unpacked here, or the file itself where the browser
   cannot unpack a stream or the gzip is missing. */
function tmFetchBase(src) {
  function plain() { return fetch(src, {cache: 'force-cache'}).then(function (r) { return r.json(); }); }
  if (typeof DecompressionStream !== 'function') { return plain(); }
  return fetch(src + '.gz', {cache: 'force-cache'}).then(function (r) {
    if (!r.ok || !r.body) { throw new Error('no gzip'); }
    return new Response(r.body.pipeThrough(new DecompressionStream('gzip'))).json();
  }).catch(plain);
}

/* Town names only when zoomed in: their labels exist only then (a permanent tooltip is a DOM
   element Leaflet measures and places on every zoom: hundreds of them slow the first map). */
var TM_TOWNS = [];
function tmZoomClass(map) {
  var near = null;
  function apply() {
    var now = map.getZoom() >= 7;
    map.getContainer().classList.toggle('tm-near', now);
    if (now === near) { return; }
    near = now;
    TM_TOWNS.forEach(function (l) {
      if (!now) { l.unbindTooltip(); return; }
      l.bindTooltip(l.feature.properties.t, {permanent: true, direction: 'right', className: 'tm-town', offset: [3, 0]});
    });
  }
  map.on('zoomend', apply);
  map.on('tmbase', function () { near = null; apply(); });  /* the fetched base's towns */
  setTimeout(apply, 0);  /* an embedded map's towns, made after this */
}

/* The page's data layers, replaced in place on a slider move (streamlit-folium evaluates the
   new feature-group script in the same map; the base map is never redrawn). d: {label, legend,
   layers: [[name, FeatureCollection, options, shown]]}. A layer the user switched off or on in
   the layer control stays so (its choice outlives the sidebar's default). window.tmDrawn says which date is drawn (tests, benchmarks). */
function tmData(map, d) {
  /* points at their places come without coordinates: drawn once the base file has them */
  if (!TM_READY && TM_BASE && d.layers.some(function (s) { return s[1].n !== undefined && !s[1].x; })) {
    TM_BASE.then(function () { TM_READY = true; tmData(map, d); tmRelayClicks(map); });
    return;
  }
  var st = map._tm;
  if (!st) {
    st = map._tm = {layers: {}, choice: {}, control: L.control.layers(null, null, {collapsed: true}).addTo(map)};
    map.on('overlayadd', function (e) { st.choice[e.name] = true; });
    map.on('overlayremove', function (e) { st.choice[e.name] = false; });
  }
  if (d.key !== st.key) { tmLayers(map, st, d); st.key = d.key; }
  tmLoaded(map, st, d.popup);
}

/* Layers drawn after streamlit-folium wired the clicks of those it saw (a draw that waited for
   the base file): their clicks reach its feature group, which reports them to the page. */
function tmRelayClicks(map) {
  var relay = (window.feature_group || []).slice(-1)[0];
  if (!relay || !map._tm) { return; }
  Object.keys(map._tm.layers).forEach(function (name) { map._tm.layers[name].addEventParent(relay); });
}

/* The claims of one place, sent after a click on it: into its dot's popup and its event
   icons' (open or not); an icon keeps its own line (what happened in the window). */
function tmLoaded(map, st, pop) {
  if (!pop) { return; }
  if (map._tmPoints) { map._tmPoints.loaded(pop, {Control: true}); }
  Object.keys(st.layers).forEach(function (name) {
    if (!st.layers[name].eachLayer) { return; }  /* a TmPoints set alone (the dots) */
    st.layers[name].eachLayer(function (l) {
      var p = l.feature && l.feature.properties;
      if (!p || p.g !== pop.g || p.w === undefined) { return; }
      p.e = pop.e; p.n = pop.n; p.k = pop.k;
      if (name === 'Control') { p.w = pop.w; delete p.m; }  /* the loaded line is whole */
      if (l.isPopupOpen && l.isPopupOpen()) { l.getPopup().update(); }
    });
    var group = st.layers[name];
    if (group.isPopupOpen()) { group.getPopup().update(); }  /* a dot's: the layer's one popup */
  });
}

function tmLayers(map, st, d) {
  var sent = {};
  d.layers.forEach(function (spec) { sent[spec[0]] = spec; });
  Object.keys(st.layers).forEach(function (name) {
    if (sent[name] && sent[name][2].keyed) { return; }  /* kept, changed in place */
    st.control.removeLayer(st.layers[name]); map.removeLayer(st.layers[name]); delete st.layers[name];
  });
  Object.keys(st.choice).forEach(function (name) { if (!sent[name]) { delete st.choice[name]; } });
  var made = [];
  d.layers.forEach(function (spec) {
    var name = spec[0], o = spec[2], fresh = !st.layers[name];
    var layer = spec[1].n !== undefined ? tmPointLayer(map, st.layers[name], name, tmUnpack(spec[1]).features, o)
      : tmGroup(L.geoJSON(spec[1], {
        style: function (f) { return tmStyle(f, o.weight || 1, o.fill === undefined ? 0.3 : o.fill); },
        onEachFeature: function (f, l) { if (f.properties.w !== undefined) { l.bindPopup(tmPopupOf(l), TM_POP); } }
      }), o, false);
    st.layers[name] = layer;
    made.push(fresh);
    if (fresh) {
      var show = st.choice[name] === undefined ? spec[3] : st.choice[name];
      if (show) { layer.addTo(map); }
      st.control.addOverlay(layer, name);  /* after adding: only the user's clicks are choices */
    }
  });
  /* a canvas draws in the order layers came: a new layer listed before a kept one goes under it
     (the areas under the dots); one listed after the kept ones is on top already (the events) */
  for (var i = d.layers.length - 1; i >= 0; i--) {
    if (made[i] && made.slice(i + 1).indexOf(false) >= 0) { st.layers[d.layers[i][0]].bringToBack(); }
  }
  var legend = map.getContainer().querySelector('.tm-legend');
  if (legend) { legend.innerHTML = d.legend; }
  window.tmUpdates = (window.tmUpdates || 0) + 1;
  requestAnimationFrame(function () { requestAnimationFrame(function () { window.tmDrawn = d.label; tmReport(); }); });
}

/* streamlit-folium tells the page the map's centre as soon as the map is made (and the page's
   first report reruns it, for the panels under the map and the filters): its reports are held
   until the first data are drawn (or TM_HOLD_MS have passed), so that run's messages and widgets
   do not take the browser from drawing the first map. The latest report held is sent. */
var TM_HOLD_MS = 5000, tmReport = (function (S) {
  if (!S || !S.setComponentValue || S._tmSend) { return (S && S._tmOpen) || function () {}; }
  var held = null, open = false;
  S._tmSend = S.setComponentValue;
  S.setComponentValue = function (v) { if (open) { return S._tmSend(v); } held = [v]; };
  S._tmOpen = function () {
    if (open) { return; }
    open = true;
    if (held) { S._tmSend(held[0]); held = null; }
  };
  setTimeout(S._tmOpen, TM_HOLD_MS);
  return S._tmOpen;
})(window.Streamlit);

/* A data layer of points: the event icons (a few dozen) as markers, every other point in a
   TmPoints set. A keyed layer (the dots) is kept across moves, its set given the new points. */
function tmPointLayer(map, kept, name, feats, o) {
  var points = tmPointsOf(map), icons = [], rest = [];
  feats.forEach(function (f) { (f.properties.i ? icons : rest).push(f); });
  var set = points.set(name, rest, o);
  if (kept) { return kept; }
  var handle = new TmPointSet(points, set);
  if (!icons.length && o.keyed) { return handle; }
  var group = tmGroup(L.featureGroup([handle]), o, false);
  icons.forEach(function (f) {
    var c = f.geometry.coordinates, l = tmPoint(f, L.latLng(c[1], c[0]), o.radius || 6);
    tmSetFeature(l, f);
    if (f.properties.w !== undefined) { l.bindPopup(tmPopupOf(l), TM_POP); }
    group.addLayer(l);
  });
  return group;
}

/* A layer's features as sent by the page (wire.PointTable.wire; wire.unwire reads it the
   same way): x, y, or p (positions among the base file's places, which give g and the point;
   {r: [start, length, ...]}: runs) and c, a property's values, or {k: distinct values, s: a
   character a point (CODE_CHARS; w: 2, two) | v: indices | as: the codes of column as | none:
   one value};
   null: the feature lacks it. */
var TM_CODE = (function (chars) {
  var t = {};
  for (var i = 0; i < chars.length; i++) { t[chars.charCodeAt(i)] = i; }
  return t;
})({{ code_chars }}), TM_CODE_BASE = {{ code_chars }}.length;
function tmCode(s, i, width) {
  if (width === 1) { return TM_CODE[s.charCodeAt(i)]; }
  return TM_CODE[s.charCodeAt(2 * i)] * TM_CODE_BASE + TM_CODE[s.charCodeAt(2 * i + 1)];
}
function tmPositions(p) {
  if (Array.isArray(p)) { return p; }
  var out = [];
  for (var i = 0; i < p.r.length; i += 2) { for (var j = 0; j < p.r[i + 1]; j++) { out.push(p.r[i] + j); } }
  return out;
}
function tmUnpack(data) {
  if (data.n === undefined) { return data; }
  var keys = Object.keys(data.c), feats = [], pos = data.p ? tmPositions(data.p) : null;
  var cols = keys.map(function (k) {
    var c = data.c[k], s = c.as ? data.c[c.as].s : c.s;
    return Array.isArray(c) ? {v: c} : {k: c.k, v: c.v, s: s, w: c.w || 1};
  });
  for (var i = 0; i < data.n; i++) {
    var p = {};
    var at = pos ? pos[i] : -1;
    if (pos && at >= TM_PLACES.g.length) { continue; }  /* not among the base file's places */
    if (pos) { p.g = TM_PLACES.g[at]; }
    for (var j = 0; j < keys.length; j++) {
      var c = cols[j], v = !c.k ? c.v[i] : c.k[c.s ? tmCode(c.s, i, c.w) : c.v ? c.v[i] : 0];
      if (v !== null) { p[keys[j]] = v; }
    }
    var xy = pos ? [TM_PLACES.x[at], TM_PLACES.y[at]] : [data.x[i], data.y[i]];
    feats.push({type: 'Feature', geometry: {type: 'Point', coordinates: xy}, properties: p});
  }
  return {type: 'FeatureCollection', features: feats};
}
