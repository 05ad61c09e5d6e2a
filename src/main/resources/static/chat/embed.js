// Contact Hub web chat for the centre's own site. Add, before </body>:
//   <script src="https://your-hub/chat/embed.js" data-lang="zh" async></script>
// and list the site's origin in the hub's hub.chat.allowed-origins (HUB_CHAT_ALLOWED_ORIGINS): only those sites may
// frame the chat. The chat itself runs in a frame served by the hub (/chat/widget), so the site's page never sees
// the conversation, and the hub's page policy (no inline script, text only) holds inside it.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || document.getElementById('contact-hub-chat-launcher')) { return; }
  var hub = script.src.replace(/\/chat\/embed\.js(\?.*)?$/, '');
  var wanted = script.getAttribute('data-lang') || (navigator.language || 'zh');
  var lang = wanted.toLowerCase().indexOf('en') === 0 ? 'en' : 'zh';
  var label = script.getAttribute('data-label') || (lang === 'en' ? 'Chat with us' : '在线客服');

  var button = document.createElement('button');
  button.id = 'contact-hub-chat-launcher';
  button.type = 'button';
  button.textContent = label;
  var b = button.style;
  b.position = 'fixed'; b.right = '20px'; b.bottom = '20px'; b.zIndex = '2147483000'; b.padding = '10px 18px';
  b.border = '0'; b.borderRadius = '22px'; b.background = '#1f4fbf'; b.color = '#fff'; b.font = '600 15px sans-serif';
  b.cursor = 'pointer'; b.boxShadow = '0 2px 10px rgba(0,0,0,.25)';

  var frame = null;
  button.addEventListener('click', function () {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = 'contact-hub-chat';
      frame.title = label;
      frame.src = hub + '/chat/widget?lang=' + lang;
      var f = frame.style;
      f.position = 'fixed'; f.right = '20px'; f.bottom = '70px'; f.width = '360px'; f.maxWidth = 'calc(100vw - 40px)';
      f.height = '520px'; f.maxHeight = 'calc(100vh - 100px)'; f.border = '1px solid #d7dce5'; f.borderRadius = '10px';
      f.background = '#fff'; f.zIndex = '2147483000'; f.boxShadow = '0 4px 24px rgba(0,0,0,.2)';
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
  });
  document.body.appendChild(button);
})();
