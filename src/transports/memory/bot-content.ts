// Generated from server/bot/content/*.json by test/transports/memory-content.test.ts: do not edit.
// Regenerate: UPDATE_MEMORY_BOT=1 npx vitest run test/transports/memory-content.test.ts
import type { BotData } from './bot-data';

/** The demo bot content per locale (a subset of the reference server bot). @internal */
export const BOT_CONTENT: Record<'en' | 'ru', BotData> = {
  "en": {
    "ui": {
      "talkToPerson": "Talk to a person",
      "backToTopics": "Back to topics",
      "tryAgain": "Try again",
      "menuPrompt": "What can I help you with? Choose a topic or type your question."
    },
    "greeting": "Hello! I'm the bank's virtual assistant. I can help with cards, payments, savings and more — choose a topic or type your question. A person is always one tap away.",
    "topics": [
      "cards",
      "payments",
      "deposits",
      "loans",
      "app",
      "cashback",
      "security"
    ],
    "nodes": {
      "cards": {
        "title": "Cards",
        "text": "What would you like to do with your card?",
        "keywords": [
          "card*"
        ]
      },
      "payments": {
        "title": "Payments and transfers",
        "text": "What is your question about payments and transfers?",
        "keywords": [
          "transfer*"
        ]
      },
      "deposits": {
        "title": "Deposits and savings",
        "text": "Here are the ways to save with us. Interest is credited every month.",
        "keywords": [
          "deposit*"
        ]
      },
      "loans": {
        "title": "Loans and mortgages",
        "text": "Mortgages and cash loans: what would you like to know?",
        "keywords": [
          "loan*"
        ]
      },
      "app": {
        "title": "App and login",
        "text": "What's wrong with the app or logging in?",
        "keywords": [
          "app"
        ]
      },
      "cashback": {
        "title": "Cashback and bonuses",
        "text": "Cashback is credited in points once a month; 1 point = RUB 1. Examples of categories (yours are in the app):",
        "keywords": [
          "cashback"
        ]
      },
      "security": {
        "title": "Security and fraud",
        "text": "If you suspect fraud, block the card or freeze transfers now — it takes a second. The bank never asks for SMS codes, your PIN or CVC.",
        "keywords": [
          "fraud*"
        ]
      }
    },
    "human": [
      "operator*",
      "human*",
      "person"
    ],
    "fallback": {
      "notUnderstood": "Sorry, I didn't quite get that. Could you put it in a few words, or choose a topic below?",
      "offerPerson": "I'm afraid I still don't understand — sorry about that. Would you like to talk to a person? The operator will see our conversation, so you won't have to repeat yourself."
    }
  },
  "ru": {
    "ui": {
      "talkToPerson": "Связаться с сотрудником",
      "backToTopics": "К списку тем",
      "tryAgain": "Попробовать ещё раз",
      "menuPrompt": "Чем могу помочь? Выберите тему или напишите вопрос."
    },
    "greeting": "Здравствуйте! Я виртуальный помощник банка. Помогу с картами, платежами, вкладами и не только — выберите тему или напишите вопрос. Сотрудник всегда на связи: достаточно нажать кнопку.",
    "topics": [
      "cards",
      "payments",
      "deposits",
      "loans",
      "app",
      "cashback",
      "security"
    ],
    "nodes": {
      "cards": {
        "title": "Карты",
        "text": "Что нужно сделать с картой?",
        "keywords": [
          "карт*"
        ]
      },
      "payments": {
        "title": "Платежи и переводы",
        "text": "Какой у вас вопрос о платежах и переводах?",
        "keywords": [
          "перевод*"
        ]
      },
      "deposits": {
        "title": "Вклады и накопления",
        "text": "Вот как можно копить с нами. Проценты начисляются каждый месяц.",
        "keywords": [
          "вклад*"
        ]
      },
      "loans": {
        "title": "Кредиты и ипотека",
        "text": "Ипотека и кредиты наличными: что вас интересует?",
        "keywords": [
          "кредит"
        ]
      },
      "app": {
        "title": "Приложение и вход",
        "text": "Что случилось с приложением или входом?",
        "keywords": [
          "приложени*"
        ]
      },
      "cashback": {
        "title": "Кешбэк и бонусы",
        "text": "Кешбэк начисляется баллами раз в месяц; 1 балл = 1 ₽. Примеры категорий (ваши — в приложении):",
        "keywords": [
          "кешбек*"
        ]
      },
      "security": {
        "title": "Безопасность и мошенничество",
        "text": "Если подозреваете мошенничество, сразу заблокируйте карту или заморозьте переводы — это займёт секунду. Банк никогда не спрашивает коды из СМС, ПИН-код и CVC.",
        "keywords": [
          "мошен*"
        ]
      }
    },
    "human": [
      "оператор*",
      "человек*",
      "живой"
    ],
    "fallback": {
      "notUnderstood": "Извините, не получилось разобраться в вопросе. Сформулируйте его в нескольких словах или выберите тему ниже.",
      "offerPerson": "Кажется, мне так и не удалось разобраться в вопросе — простите. Соединить вас с сотрудником? Он увидит нашу переписку, так что повторять ничего не придётся."
    }
  }
};
