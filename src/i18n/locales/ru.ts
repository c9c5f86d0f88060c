/**
 * Russian strings. Plurals use the one / few / many forms (1 сообщение, 2 сообщения,
 * 5 сообщений); `other` covers fractions.
 * @module
 */
import type { Messages } from '../messages';

export const ru: Messages = {
  'launcher.open': 'Открыть чат',
  'launcher.close': 'Закрыть чат',
  'launcher.unread': {
    one: '{count} непрочитанное сообщение',
    few: '{count} непрочитанных сообщения',
    many: '{count} непрочитанных сообщений',
    other: '{count} непрочитанного сообщения',
  },
  'launcher.loading': 'Открываем чат…',
  'launcher.loadFailed': 'Не удалось открыть чат. Проверьте подключение и попробуйте ещё раз.',

  'header.title': 'Поддержка',
  'header.close': 'Закрыть чат',
  'header.operator': 'С вами {name}',

  'status.online': 'В сети',
  'status.replyTime': {
    one: 'Обычно отвечаем за {count} минуту',
    few: 'Обычно отвечаем за {count} минуты',
    many: 'Обычно отвечаем за {count} минут',
    other: 'Обычно отвечаем за {count} минуты',
  },
  'status.connecting': 'Подключаемся…',
  'status.reconnecting': 'Переподключаемся…',
  'status.waitingNetwork': 'Ждём подключения к сети…',
  'status.backOnline': 'Снова на связи',
  'status.failed': 'Не удаётся подключиться',
  'status.ended': 'Чат завершён',
  'status.operatorsOffline': 'Операторы сейчас не в сети',
  'status.backAt': 'Операторы вернутся в {time}',

  'typing.named': '{name} печатает…',
  'typing.anonymous': 'Печатает…',

  'composer.label': 'Сообщение',
  'composer.placeholder': 'Напишите сообщение…',
  'composer.send': 'Отправить',
  'composer.attach': 'Прикрепить файл',
  'composer.newLineHint': 'Enter — отправить, Shift+Enter — новая строка',

  'message.you': 'Вы',
  'message.bot': 'Помощник',
  'message.agent': 'Оператор',
  'message.status.queued': 'Ожидает отправки',
  'message.status.sending': 'Отправляется…',
  'message.status.sent': 'Отправлено',
  'message.status.delivered': 'Доставлено',
  'message.status.read': 'Прочитано',
  'message.status.failed': 'Не отправлено',
  'message.retry': 'Повторить',
  'message.delete': 'Удалить',
  'message.failed.tooLarge': 'Файл слишком большой.',
  'message.failed.fileType': 'Такой тип файла не принимается.',
  'message.failed.uploadInterrupted': 'Загрузка файла прервалась: прикрепите файл снова.',
  'message.openLink': 'Открыть ссылку',
  'message.download': 'Скачать {name}',
  'message.file': 'Файл',
  'message.showMore': 'Показать ещё',
  'message.unsupported': 'Неподдерживаемое содержимое',

  'list.label': 'Переписка',
  'list.loadEarlier': 'Показать предыдущие сообщения',
  'list.loading': 'Загружаем…',
  'list.newMessages': 'Новые сообщения ↓',
  'list.empty': 'Задайте вопрос — мы поможем.',

  'announce.said': '{name} пишет: {text}',
  'announce.sentFile': 'Файл от {name}: {file}',
  'announce.newMessages': {
    one: '{count} новое сообщение',
    few: '{count} новых сообщения',
    many: '{count} новых сообщений',
    other: '{count} нового сообщения',
  },
  'announce.sendFailed': 'Сообщение не отправлено',

  'handoff.talk': 'Связаться с оператором',
  'handoff.requested': 'Соединяем с оператором…',
  'handoff.verifyTitle': 'Подтвердите, что это вы',
  'handoff.verifyPrompt': 'Введите код, который мы отправили на {destination}',
  'handoff.verifyPromptGeneric': 'Введите код, который мы вам отправили',
  'handoff.codeLabel': 'Одноразовый код',
  'handoff.submit': 'Подтвердить',
  'handoff.checking': 'Проверяем…',
  'handoff.invalid': {
    one: 'Неверный код. Осталась {count} попытка',
    few: 'Неверный код. Осталось {count} попытки',
    many: 'Неверный код. Осталось {count} попыток',
    other: 'Неверный код. Осталось {count} попытки',
  },
  'handoff.invalidGeneric': 'Неверный код. Попробуйте ещё раз.',
  'handoff.expired': 'Срок действия кода истёк.',
  'handoff.resend': 'Отправить новый код',
  'handoff.queueWaiting': 'Ждём свободного оператора…',
  'handoff.queuePosition': 'Ваш номер в очереди: {position}',
  'handoff.queuePositionEta': 'Ваш номер в очереди: {position}, ждать примерно {minutes} мин',
  'handoff.joined': '{name} теперь в чате',
  'handoff.left': '{name} больше не в чате',
  'handoff.rejected': 'Сейчас ни один оператор не может ответить. Попробуйте позже.',
  'handoff.offline': 'Операторы сейчас не в сети. Оставьте сообщение — мы ответим.',
  'handoff.offlineBackAt': 'Операторы сейчас не в сети и вернутся в {time}. Оставьте сообщение — мы ответим.',

  'conversation.closed': 'Диалог завершён',

  'rating.prompt': 'Как мы справились?',
  'rating.star': {
    one: '{count} звезда из 5',
    few: '{count} звезды из 5',
    many: '{count} звёзд из 5',
    other: '{count} звезды из 5',
  },
  'rating.thanks': 'Спасибо за отзыв!',

  'upload.progress': 'Загружаем {name}: {percent}%',
  'upload.cancel': 'Отменить загрузку {name}',
  'upload.remove': 'Убрать {name}',
  'upload.started': 'Загружаем {name}',
  'upload.done': '{name}: загружено',

  'error.generic': 'Что-то пошло не так. Попробуйте ещё раз.',
  'error.fileTooLarge': 'Файл {name} слишком большой. Максимум — {size}.',
  'error.fileType': '{name}: такой тип файла не поддерживается.',
  'error.tooManyFiles': {
    one: 'Можно прикрепить не больше {count} файла за раз.',
    few: 'Можно прикрепить не больше {count} файлов за раз.',
    many: 'Можно прикрепить не больше {count} файлов за раз.',
    other: 'Можно прикрепить не больше {count} файла за раз.',
  },
  'error.dismiss': 'Закрыть',

  'size.bytes': '{size} Б',
  'size.kilobytes': '{size} КБ',
  'size.megabytes': '{size} МБ',

  // — urgent and bot (bot) —

  // — availability and leave-a-message (avail) —

  // — code step (code) —

  // — sensitive-data guard (guard) —

  // — rich text (rich) —

  // — conversations and notifications (convs) —
  'convs.button': 'Обращения',
  'convs.title': 'Ваши обращения',
  'convs.back': 'Вернуться к обращению',
  'convs.new': 'Новое обращение',
  'convs.newIn': 'Новое обращение: {channel}',
  'convs.channel.support': 'Поддержка',
  'convs.channel.notifications': 'Уведомления',
  'convs.channel.documents': 'Документы',
  'convs.readOnly': 'Только чтение',
  'convs.readOnlyNote': 'В этот канал нельзя писать',
  'convs.closed': 'Закрыто',
  'convs.current': 'Открыто сейчас',
  'convs.empty': 'Пока нет сообщений',
  'convs.you': 'Вы: {text}',
  'convs.opened': 'Открыто: {title}',
  'convs.unsent': 'Сначала отправьте или удалите неотправленные сообщения.',
  'convs.failed': 'Не удалось открыть обращение. Попробуйте ещё раз.',
  'convs.ended': 'Это обращение завершено.',

  // — handoff context and queue (queue) —

  // — ending: rating, transcript (ending) —
};
