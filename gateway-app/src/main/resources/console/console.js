// Tributary console: credentials for htmx requests, an EventSource that can send them, the login prompt,
// bounded live rows, the claim dialog and the rate charts. No build step; htmx and uPlot come from webjars.
(function () {
  'use strict';
  var KEY = 'tributary.authorization';

  function authorization() { return sessionStorage.getItem(KEY); }

  function headers() {
    var h = { 'X-Requested-With': 'tributary-console' };
    var a = authorization();
    if (a) { h.Authorization = a; }
    return h;
  }

  // Every htmx request carries the credentials in a header: no cookies, so no cross-site request can use them.
  document.addEventListener('htmx:configRequest', function (event) {
    var a = authorization();
    if (a) { event.detail.headers.Authorization = a; }
  });

  document.addEventListener('htmx:responseError', function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status === 401) {
      askForCredentials(authorization() ? 'Wrong credentials.' : '');
    } else if (xhr.status === 403) {
      toast('Refused: ' + (xhr.getResponseHeader('X-Tributary-Error') || 'your role may not do this'));
    } else {
      toast(xhr.getResponseHeader('X-Tributary-Error') || ('Error ' + xhr.status));
    }
  });

  function toast(text) {
    var t = document.getElementById('toast');
    if (!t) { return; }
    t.textContent = text;
    t.className = 'shown';
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { t.className = ''; }, 6000);
  }

  function askForCredentials(message) {
    var dialog = document.getElementById('login');
    document.getElementById('login-error').textContent = message || '';
    if (!dialog.open) { dialog.showModal(); }
  }

  function signedIn(who) {
    var el = document.getElementById('who');
    if (el) { el.textContent = who.name + ' (' + who.role.toLowerCase().replace('_', '-') + ')'; }
  }

  function checkCredentials() {
    return fetch('/api/whoami', { headers: headers() }).then(function (response) {
      if (response.status === 401) {
        askForCredentials(authorization() ? 'Wrong credentials.' : '');
        return null;
      }
      return response.json().then(function (who) { signedIn(who); return who; });
    });
  }

  // An EventSource that sends the Authorization header (the browser's own cannot), for htmx's SSE extension.
  function AuthEventSource(url) {
    var self = this;
    var target = document.createDocumentFragment();
    this.url = url;
    this.readyState = 0;
    this.onopen = null;
    this.onerror = null;
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.controller = new AbortController();
    fetch(url, { headers: Object.assign({ Accept: 'text/event-stream' }, headers()),
                 signal: this.controller.signal, cache: 'no-store' })
      .then(function (response) {
        if (response.status === 401) { askForCredentials('Wrong credentials.'); throw new Error('401'); }
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        self.readyState = 1;
        if (self.onopen) { self.onopen(new Event('open')); }
        return self.read(response.body.getReader());
      })
      .catch(function (error) { self.fail(error); });
  }
  AuthEventSource.CLOSED = 2;
  AuthEventSource.prototype.read = function (reader) {
    var self = this;
    var decoder = new TextDecoder();
    var buffer = '';
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) { throw new Error('stream ended'); }
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
        var end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          self.deliver(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        return pump();
      });
    }
    return pump();
  };
  AuthEventSource.prototype.deliver = function (block) {
    var type = 'message';
    var data = [];
    block.split('\n').forEach(function (line) {
      if (line.indexOf('event:') === 0) { type = line.slice(6).trim(); }
      else if (line.indexOf('data:') === 0) { data.push(line.slice(5).replace(/^ /, '')); }
    });
    if (data.length) { this.dispatchEvent(new MessageEvent(type, { data: data.join('\n') })); }
  };
  AuthEventSource.prototype.fail = function (error) {
    if (this.readyState === 2) { return; }
    this.readyState = 2;
    if (this.onerror) { this.onerror(error); }
  };
  AuthEventSource.prototype.close = function () {
    this.readyState = 2;
    this.controller.abort();
  };
  htmx.createEventSource = function (url) { return new AuthEventSource(url); };

  // The live view keeps its last N rows: hours without a reload never grow the page.
  document.addEventListener('htmx:sseMessage', function (event) {
    var live = document.getElementById('live');
    var rows = document.getElementById('live-rows');
    if (!live || !rows) { return; }
    var keep = parseInt(live.getAttribute('data-keep'), 10) || 200;
    while (rows.rows.length > keep) { rows.deleteRow(rows.rows.length - 1); }
  });

  function follow(filter) {
    var old = document.getElementById('live');
    var fresh = old.cloneNode(true);
    fresh.setAttribute('sse-connect', '/ui/part/topics/stream?filter=' + encodeURIComponent(filter));
    fresh.querySelector('#live-rows').innerHTML = '';
    fresh.querySelector('#dropped').textContent = '';
    old.replaceWith(fresh);
    htmx.process(fresh);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('login-form').addEventListener('submit', function () {
      var token = document.getElementById('login-token').value.trim();
      var user = document.getElementById('login-user').value;
      var password = document.getElementById('login-password').value;
      if (token) {
        sessionStorage.setItem(KEY, 'Bearer ' + token);
      } else {
        sessionStorage.setItem(KEY, 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + password))));
      }
      checkCredentials().then(function (who) {
        if (who) {
          document.getElementById('login').close();
          htmx.trigger(document.body, 'tributary:login');
          if (document.getElementById('live')) { follow(document.getElementById('filter').value || '#'); }
        }
      });
    });
    document.getElementById('logout').addEventListener('click', function () {
      sessionStorage.removeItem(KEY);
      location.reload();
    });
    var filter = document.getElementById('filter');
    if (filter) { filter.addEventListener('change', function () { follow(filter.value || '#'); }); }
    var claim = document.getElementById('claim');
    if (claim) {
      document.body.addEventListener('htmx:afterSwap', function (event) {
        if (event.detail.target.id === 'claim-form') { claim.showModal(); }
        if (event.detail.target.id === 'devices' && event.detail.requestConfig.verb === 'post') {
          if (claim.open) { claim.close(); }
          toast('Done: the device follows it at its next work request.');
        }
      });
      claim.addEventListener('click', function (event) {
        if (event.target.classList.contains('cancel')) { claim.close(); }
      });
    }
    if (document.getElementById('chart-messages')) { charts(); }
    checkCredentials();
  });

  // Rate charts: totals from /api/meters every 2 s, differenced into rates; 300 points (10 minutes) kept.
  function charts() {
    var KEEP = 300;
    var groups = {
      messages: ['router.published', 'coap.requests', 'pnp.requests', 'upnp.notify', 'upnp.events'],
      problems: ['router.dropped', 'errors', 'admin.denied']
    };
    var colors = ['#1f6feb', '#2da44e', '#bf8700', '#8250df', '#cf222e'];
    var time = [];
    var series = {};
    var previous = null;
    var plots = {};
    Object.keys(groups).forEach(function (group) {
      groups[group].forEach(function (name) { series[name] = []; });
      var el = document.getElementById('chart-' + group);
      plots[group] = new uPlot({
        width: Math.max(400, el.clientWidth), height: 220,
        series: [{}].concat(groups[group].map(function (name, i) {
          return { label: name, stroke: colors[i % colors.length], width: 2 };
        })),
        axes: [{}, { label: '/s' }]
      }, [time].concat(groups[group].map(function (name) { return series[name]; })), el);
    });
    function poll() {
      fetch('/api/meters', { headers: headers() }).then(function (response) {
        if (response.status === 401) { askForCredentials(''); return null; }
        return response.json();
      }).then(function (now) {
        if (!now) { return; }
        if (previous) {
          var seconds = (now.timestamp - previous.timestamp) / 1000;
          time.push(now.timestamp / 1000);
          Object.keys(series).forEach(function (name) {
            series[name].push(Math.max(0, (now.totals[name] - previous.totals[name]) / seconds));
          });
          if (time.length > KEEP) {
            time.shift();
            Object.keys(series).forEach(function (name) { series[name].shift(); });
          }
          Object.keys(groups).forEach(function (group) {
            plots[group].setData([time].concat(groups[group].map(function (name) { return series[name]; })));
          });
        }
        previous = now;
      }).catch(function () { /* the next poll tries again */ });
    }
    poll();
    setInterval(poll, 2000);
  }
}());
