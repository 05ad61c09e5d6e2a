// The visitor's side of the web chat (portal /portal/chat and the widget /chat/widget).
// Plain WebSocket to /chat/socket with JSON frames; when the socket cannot be had, the HTTP fallback
// (POST /chat/api/messages, long poll GET /chat/api/lines). Nothing typed is lost: a line stays in
// localStorage as "pending" until the hub acknowledges it, and is sent again (same id) after a reconnect or
// a reload; the hub keeps one line per id. Text is always put on the page with textContent.
(function () {
  'use strict';
  var box = document.getElementById('chat');
  if (!box) { return; }
  var t = function (key) { return box.getAttribute('data-t-' + key) || ''; };
  var startUrl = box.getAttribute('data-start-url');
  var lang = box.getAttribute('data-lang') || 'zh';
  var storeKey = 'contactHubChat:' + startUrl;
  var csrf = document.getElementById('chat-csrf');
  var el = function (id) { return document.getElementById(id); };
  var lines = el('chat-lines');

  var saved = {};
  try { saved = JSON.parse(window.localStorage.getItem(storeKey) || '{}') || {}; } catch (e) { saved = {}; }
  var token = saved.token || null;
  var pending = Array.isArray(saved.pending) ? saved.pending : [];
  var lastId = 0;                 // the last line this page has shown: a reconnect asks for what came after
  var shown = {};                 // line ids on the page
  var ws = null, polling = false, failures = 0, everOpened = false, ended = false, typingTimer = null, lastTyping = 0;

  function save() {
    try { window.localStorage.setItem(storeKey, JSON.stringify({ token: token, pending: pending })); } catch (e) { /* private mode */ }
  }

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function time(iso) {
    var d = iso ? new Date(iso) : new Date();
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }

  function lineElement(author, name, text, at) {
    var li = document.createElement('li');
    li.className = 'chat-line ' + author;
    var meta = document.createElement('span');
    meta.className = 'chat-meta';
    meta.textContent = (author === 'customer' ? t('you') : (name || t('agent'))) + ' · ' + time(at);
    var body = document.createElement('span');
    body.className = 'chat-text';
    body.textContent = text;
    li.appendChild(meta);
    li.appendChild(body);
    return li;
  }

  function showLine(frame) {
    if (shown[frame.id]) { return; }
    shown[frame.id] = true;
    lastId = Math.max(lastId, frame.id);
    var waiting = lines.querySelector('li.pending[data-client="' + frame.clientId + '"]');
    var li = lineElement(frame.author, frame.name, frame.text, frame.at);
    li.setAttribute('data-line', frame.id);
    if (waiting && frame.author === 'customer') {
      lines.replaceChild(li, waiting);
    } else {
      lines.appendChild(li);
    }
    if (frame.author === 'customer') { acknowledged(frame.clientId); }
    if (frame.author === 'agent') { el('chat-typing').hidden = true; }
    lines.scrollTop = lines.scrollHeight;
  }

  function showPending(p) {
    if (lines.querySelector('li[data-client="' + p.clientId + '"]')) { return; }
    var li = lineElement('customer', null, p.text);
    li.classList.add('pending');
    li.setAttribute('data-client', p.clientId);
    li.querySelector('.chat-meta').textContent = t('you') + ' · ' + t('sending');
    lines.appendChild(li);
  }

  function acknowledged(clientId) {
    var before = pending.length;
    pending = pending.filter(function (p) { return p.clientId !== clientId; });
    if (pending.length !== before) { save(); }
  }

  function notice(text, warn) {
    var n = el('chat-notice');
    n.textContent = text;
    n.hidden = !text;
    n.className = warn ? 'flash warn small' : 'flash ok small';
  }

  function status(text) {
    var s = el('chat-status');
    s.textContent = text;
    s.hidden = !text;
  }

  var state = null;
  function showState(s) {
    state = s;
    if (s.agentsAvailable) {
      notice(t('agents'), false);
    } else {
      notice((s.answerBy === 'PHONE' ? t('no-agent-phone') : t('no-agent-email')).replace('{0}', s.address || ''), true);
    }
    if (s.ticket) { el('chat-status').textContent = t('ticket').replace('{0}', s.ticket); el('chat-status').hidden = false; }
  }

  function refused(frame) {
    if (!frame.clientId) { return; }
    if (frame.code === 'RATE_LIMITED' || frame.code === 'RETRY') {
      status(t('rate'));
      window.setTimeout(flush, Math.max(1, frame.retryAfter || 3) * 1000);
      return;
    }
    // Invalid or too long: it will never be taken; say so on the line and stop sending it.
    var li = lines.querySelector('li.pending[data-client="' + frame.clientId + '"]');
    if (li) {
      li.classList.remove('pending');
      li.classList.add('refused');
      li.querySelector('.chat-meta').textContent = t('refused').replace('{0}', frame.code === 'TOO_LONG' ? t('too-long') : frame.message);
    }
    acknowledged(frame.clientId);
  }

  function handle(frame) {
    switch (frame.type) {
      case 'state': showState(frame); flush(); break;
      case 'line': showLine(frame); break;
      case 'ack': acknowledged(frame.clientId); if (frame.ticket && state && !state.ticket) { state.ticket = frame.ticket; showState(state); } break;
      case 'typing':
        el('chat-typing').hidden = false;
        window.clearTimeout(typingTimer);
        typingTimer = window.setTimeout(function () { el('chat-typing').hidden = true; }, 4000);
        break;
      case 'agents': if (state) { state.agentsAvailable = frame.available; showState(state); } break;
      case 'error':
        if (frame.code === 'UNAUTHORIZED') { forget(); } else { refused(frame); }
        break;
      default: break;
    }
  }

  function forget() {
    token = null; pending = []; save();
    if (ws) { ws.onclose = null; ws.close(); ws = null; }
    el('chat-talk').hidden = true;
    el('chat-start').hidden = false;
  }

  // ---- WebSocket, then the fallback

  function connect() {
    if (!token || ended) { return; }
    var url = (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + '/chat/socket';
    var socket;
    try { socket = new WebSocket(url); } catch (e) { fallback(); return; }
    ws = socket;
    socket.onopen = function () {
      failures = 0; everOpened = true; status(state && state.ticket ? t('ticket').replace('{0}', state.ticket) : '');
      socket.send(JSON.stringify({ type: 'hello', token: token, after: lastId }));
    };
    socket.onmessage = function (event) {
      try { handle(JSON.parse(event.data)); } catch (e) { /* a frame we cannot read: ignore it */ }
    };
    socket.onclose = function () {
      if (ws !== socket) { return; }
      ws = null;
      if (ended || !token) { return; }
      failures++;
      if (!everOpened && failures >= 3) { fallback(); return; }
      status(t('reconnecting'));
      window.setTimeout(connect, Math.min(15000, 500 * Math.pow(2, Math.min(failures, 5))));
    };
  }

  function api(method, path, body) {
    var headers = { 'Authorization': 'Bearer ' + token };
    if (body) { headers['Content-Type'] = 'application/json'; }
    return window.fetch(path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, credentials: 'omit' })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); });
  }

  function fallback() {
    if (polling) { return; }
    polling = true;
    status(t('fallback'));
    var poll = function () {
      if (!token || ended) { polling = false; return; }
      api('GET', '/chat/api/lines?after=' + lastId).then(function (r) {
        if (r.status === 401) { forget(); return; }
        if (r.body.state) { showState(r.body.state); }
        (r.body.lines || []).forEach(showLine);
        flush();
        poll();
      }).catch(function () { window.setTimeout(poll, 3000); });
    };
    poll();
  }

  function flush() {
    pending.forEach(function (p) {
      showPending(p);
      if (ws && ws.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify({ type: 'send', clientId: p.clientId, text: p.text }));
      } else if (polling) {
        api('POST', '/chat/api/messages', { clientId: p.clientId, text: p.text }).then(function (r) {
          if (r.status === 200) { handle(r.body); } else { r.body.type = 'error'; r.body.clientId = p.clientId; handle(r.body); }
        }).catch(function () { /* sent again on the next poll */ });
      }
    });
  }

  function send(text) {
    var trimmed = (text || '').trim();
    if (!trimmed) { return; }
    ended = false;
    var p = { clientId: newId(), text: trimmed };
    pending.push(p);
    save();
    showPending(p);
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({ type: 'send', clientId: p.clientId, text: p.text }));
    } else if (polling) {
      flush();
    } else if (!ws) {
      connect();
    }
  }

  // ---- the page

  function talk() {
    el('chat-start').hidden = true;
    el('chat-talk').hidden = false;
    pending.forEach(showPending);
    connect();
  }

  el('chat-start').addEventListener('submit', function (event) {
    event.preventDefault();
    var field = function (id) { var f = el(id); return f && f.value.trim() ? f.value.trim() : null; };
    var headers = { 'Content-Type': 'application/json' };
    if (csrf) { headers[csrf.getAttribute('data-header')] = csrf.getAttribute('data-token'); }
    window.fetch(startUrl, { method: 'POST', headers: headers, credentials: 'same-origin',
      body: JSON.stringify({ name: field('chat-name'), email: field('chat-email'), phone: field('chat-phone'), language: lang }) })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); })
      .then(function (r) {
        var error = el('chat-start-error');
        if (r.status !== 201) { error.textContent = r.body.detail || r.body.message || String(r.status); error.hidden = false; return; }
        error.hidden = true;
        token = r.body.token;
        save();
        showState(r.body.state);
        talk();
      });
  });

  el('chat-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = el('chat-text');
    send(text.value);
    text.value = '';
  });
  el('chat-text').addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); el('chat-form').requestSubmit(); }
  });
  // "Typing" at most every 2 s; typing within that is announced when the 2 s are up, so the agent still hears of it.
  var typingDue = null;
  function announceTyping() {
    typingDue = null;
    lastTyping = Date.now();
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify({ type: 'typing' })); } else if (polling) { api('POST', '/chat/api/typing'); }
  }
  el('chat-text').addEventListener('input', function () {
    var wait = lastTyping + 2000 - Date.now();
    if (wait <= 0) { announceTyping(); } else if (!typingDue) { typingDue = window.setTimeout(announceTyping, wait); }
  });
  el('chat-end').addEventListener('click', function () {
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify({ type: 'end' })); } else if (token) { api('POST', '/chat/api/end'); }
    ended = true;
    if (ws) { var s = ws; ws = null; s.close(); }
    status(t('ended'));
  });

  // For people looking at a misbehaving chat (and the browser tests): the current socket, and sending a line.
  window.hubChat = { get socket() { return ws; }, send: send, get pending() { return pending.slice(); } };

  if (token) { talk(); }
})();
