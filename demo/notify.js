// Demo: the bank's back office posts to the customer's read-only notifications channel
// (POST /swp/v1/admin/notifications; a demo server lets the demo page post without the operator
// token, to everyone connected). Several conversations: README "Several conversations and notifications".
(function () {
  var button = document.getElementById('notify');
  var status = document.getElementById('notify-status');
  if (!button || !status) return;
  var texts = {
    en: ['Your card has been reissued. The new card arrives in 3-5 days.', 'Your statement for last month is ready.'],
    ru: ['Ваша карта перевыпущена. Новая карта придёт через 3–5 дней.', 'Выписка за прошлый месяц готова.'],
  };
  var n = 0;
  button.addEventListener('click', async function () {
    var locale = new URLSearchParams(location.search).get('locale') === 'ru' ? 'ru' : 'en';
    var list = texts[locale];
    var text = list[n++ % list.length];
    try {
      const r = await fetch('/swp/v1/admin/notifications', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: text }),
      });
      status.textContent = r.ok ? 'Notification sent: ' + text : 'The server answered ' + r.status + ' (start it with "npm run demo")';
    } catch (e) {
      status.textContent = 'Could not send: ' + String(e?.message || e);
    }
  });
})();
