// The agent's side of the web chat: a ticket's chat panel (#chat-panel) or the agents' chat page (#chat-lobby).
// A WebSocket to /console/chat/socket (the console session signs it in); while it is open the agent counts as
// available. New lines are added as text (textContent). Without a socket the panel falls back to HTTP
// (POST/GET /console/chat/{ref}/lines, with the console's CSRF token).
(function () {
  'use strict';
  var panel = document.getElementById('chat-panel');
  var lobby = document.getElementById('chat-lobby');
  if (!panel && !lobby) { return; }
  var root = panel || lobby;
  var t = function (key) { return root.getAttribute('data-t-' + key) || ''; };
  var el = function (id) { return document.getElementById(id); };
  var ref = panel ? panel.getAttribute('data-ref') : null;
  var lastId = panel ? Number(panel.getAttribute('data-last') || 0) : 0;
  var shown = {};
  var pending = {};
  var ws = null, failures = 0, everOpened = false, polling = false, typingTimer = null, lastTyping = 0;

  if (panel) {
    panel.querySelectorAll('[data-line]').forEach(function (li) { shown[li.getAttribute('data-line')] = true; });
  }

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function time(iso) {
    var d = new Date(iso);
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2) + ':' + ('0' + d.getSeconds()).slice(-2);
  }

  function showLine(frame) {
    if (shown[frame.id]) { return; }
    shown[frame.id] = true;
    lastId = Math.max(lastId, frame.id);
    var li = document.createElement('li');
    li.className = 'chat-line ' + frame.author;
    li.setAttribute('data-line', frame.id);
    var meta = document.createElement('span');
    meta.className = 'chat-meta';
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = frame.name || (frame.author === 'customer' ? t('customer') : '');
    var at = document.createElement('time');
    at.textContent = ' ' + time(frame.at);
    meta.appendChild(who);
    meta.appendChild(at);
    if (frame.emailed) {
      var note = document.createElement('span');
      note.className = 'muted small chat-emailed';
      note.textContent = ' ' + t('emailed');
      meta.appendChild(note);
    }
    var text = document.createElement('span');
    text.className = 'chat-text';
    text.textContent = frame.text;
    li.appendChild(meta);
    li.appendChild(text);
    el('chat-live').appendChild(li);
    if (frame.author === 'customer') { el('chat-typing').hidden = true; }
  }

  function presence(online) {
    var p = el('chat-presence');
    p.textContent = online ? t('online') : t('offline');
    p.className = 'small ' + (online ? 'ok-text' : 'muted');
  }

  function delivery(ack) {
    var d = el('chat-delivery');
    if (ack.delivered === 'NONE') {
      d.textContent = t('not-sent').replace('{0}', ack.reason || '');
      d.hidden = false;
    } else if (ack.delivered && ack.delivered !== 'CHAT') {
      d.textContent = t('emailed') + (ack.recipient ? ' → ' + ack.recipient : '');
      d.hidden = false;
    } else {
      d.hidden = true;
    }
  }

  function showWaiting(chats) {
    var list = el('chat-waiting');
    if (!list) { return; }
    while (list.firstChild) { list.removeChild(list.firstChild); }
    chats.forEach(function (c) {
      var li = document.createElement('li');
      li.className = 'waiting-chat';
      li.setAttribute('data-ticket', c.ticket);
      var a = document.createElement('a');
      a.href = '/console/tickets/' + encodeURIComponent(c.ticket);
      a.textContent = c.ticket;
      var name = document.createElement('span');
      name.textContent = ' ' + (c.name || '') + ' ';
      var waited = document.createElement('span');
      waited.className = 'muted small';
      waited.textContent = t('waited').replace('{0}', String(Math.max(0, Math.floor((Date.now() - new Date(c.since).getTime()) / 60000))));
      li.appendChild(a); li.appendChild(name); li.appendChild(waited);
      list.appendChild(li);
    });
    var none = el('chat-none');
    if (none) { none.hidden = chats.length > 0; }
  }

  function handle(frame) {
    switch (frame.type) {
      case 'line': showLine(frame); break;
      case 'ack': delete pending[frame.clientId]; delivery(frame); break;
      case 'customer': presence(frame.online); break;
      case 'typing':
        el('chat-typing').hidden = false;
        window.clearTimeout(typingTimer);
        typingTimer = window.setTimeout(function () { el('chat-typing').hidden = true; }, 4000);
        break;
      case 'ended': presence(false); break;
      case 'waiting': showWaiting(frame.chats || []); break;
      case 'error':
        if (frame.clientId) { delete pending[frame.clientId]; }
        el('chat-delivery').textContent = frame.message; el('chat-delivery').hidden = false;
        break;
      default: break;
    }
  }

  function connect() {
    var url = (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + '/console/chat/socket'
      + (ref ? '?ref=' + encodeURIComponent(ref) : '');
    var socket;
    try { socket = new WebSocket(url); } catch (e) { fallback(); return; }
    ws = socket;
    socket.onopen = function () {
      failures = 0; everOpened = true;
      if (ref) { socket.send(JSON.stringify({ type: 'hello', after: lastId })); }
      Object.keys(pending).forEach(function (id) { socket.send(JSON.stringify({ type: 'send', clientId: id, text: pending[id] })); });
    };
    socket.onmessage = function (event) {
      try { handle(JSON.parse(event.data)); } catch (e) { /* unreadable frame: ignore */ }
    };
    socket.onclose = function () {
      if (ws !== socket) { return; }
      ws = null;
      failures++;
      if (!everOpened && failures >= 3 && ref) { fallback(); return; }
      window.setTimeout(connect, Math.min(15000, 500 * Math.pow(2, Math.min(failures, 5))));
    };
  }

  function post(clientId, text) {
    var headers = { 'Content-Type': 'application/json' };
    headers[panel.getAttribute('data-csrf-header')] = panel.getAttribute('data-csrf');
    return window.fetch('/console/chat/' + encodeURIComponent(ref) + '/lines', { method: 'POST', headers: headers,
      credentials: 'same-origin', body: JSON.stringify({ clientId: clientId, text: text }) })
      .then(function (r) { return r.json(); })
      .then(function (body) { if (body.type === 'ack') { handle(body); } else { body.type = 'error'; body.clientId = clientId; handle(body); } });
  }

  function fallback() {
    if (polling) { return; }
    polling = true;
    var poll = function () {
      window.fetch('/console/chat/' + encodeURIComponent(ref) + '/lines?after=' + lastId, { credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (body) { (body.lines || []).forEach(showLine); presence(body.customerOnline); })
        .catch(function () { /* try again */ })
        .then(function () { window.setTimeout(poll, 3000); });
    };
    poll();
  }

  if (panel) {
    el('chat-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var field = el('chat-text');
      var text = field.value.trim();
      if (!text) { return; }
      var id = newId();
      pending[id] = text;
      field.value = '';
      if (ws && ws.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify({ type: 'send', clientId: id, text: text }));
      } else if (polling) {
        post(id, text);
      }
    });
    el('chat-text').addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); el('chat-form').requestSubmit(); }
    });
    // "Typing" at most every 2 s; typing within that is announced when the 2 s are up.
    var typingDue = null;
    var announceTyping = function () {
      typingDue = null;
      lastTyping = Date.now();
      if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify({ type: 'typing' })); }
    };
    el('chat-text').addEventListener('input', function () {
      var wait = lastTyping + 2000 - Date.now();
      if (wait <= 0) { announceTyping(); } else if (!typingDue) { typingDue = window.setTimeout(announceTyping, wait); }
    });
  }
  connect();
})();
