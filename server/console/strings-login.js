// The sign-in's strings (server/console/login.js), English and Russian.
import { addStrings } from './i18n.js';

addStrings('en', {
  'login.title': 'Sign in to the console',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.photo': 'Photo URL',
  'login.photoHint': '(optional, https://…; customers see your initials otherwise)',
  'login.submit': 'Sign in',
  'login.signOut': 'Sign out',
  'login.wrong': 'Wrong username or password.',
  'login.limited': 'Too many failed sign-ins. Try again in {minutes} min.',
  'login.origin': 'The console may not be used from this address.',
  'login.failed': 'Sign-in failed ({status}). Try again.',
  'login.ended': 'Your session ended. Sign in again.',
  'login.signedOut': 'You signed out.',
  'login.demo': 'Demo mode: the demo created these accounts —',
  'login.as': 'Signed in as {name} ({role})',
});
addStrings('ru', {
  'login.title': 'Вход в консоль',
  'login.username': 'Имя пользователя',
  'login.password': 'Пароль',
  'login.photo': 'Ссылка на фото',
  'login.photoHint': '(необязательно, https://…; иначе клиенты видят ваши инициалы)',
  'login.submit': 'Войти',
  'login.signOut': 'Выйти',
  'login.wrong': 'Неверное имя пользователя или пароль.',
  'login.limited': 'Слишком много неудачных попыток. Попробуйте через {minutes} мин.',
  'login.origin': 'С этого адреса консолью пользоваться нельзя.',
  'login.failed': 'Войти не удалось ({status}). Попробуйте ещё раз.',
  'login.ended': 'Сеанс завершён. Войдите снова.',
  'login.signedOut': 'Вы вышли.',
  'login.demo': 'Демо-режим: демо создало эти учётные записи —',
  'login.as': 'Вы вошли как {name} ({role})',
});
