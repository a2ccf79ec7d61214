/** How to reach 360dialog support, and what they need from you. Facts as of late 2025. */
export const support = {
  hubChat: {
    label: 'Hub chat',
    url: 'https://hub.360dialog.com',
    how: "log in to the 360dialog Hub and open the chat widget (bottom right): the only channel that counts for your plan's response time",
  },
  email: {
    label: 'E-mail',
    address: 'support@360dialog.com',
    how: 'answered within 24 hours whatever the plan; use it if you lost Hub access',
  },
  whatsapp: { label: 'WhatsApp', number: '+49 30 577140819' },
  statusPage: { label: 'Status page', url: 'https://status.360dialog.com' },
  metaErrorCodes: {
    label: 'Meta error code reference',
    url: 'https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes',
  },
  /** First-response targets on the Hub chat, by the number's plan. */
  responseTargets: 'Basic under 24 h, Regular under 4 h, Premium under 30 min',
  ticketChecklist: [
    'phone number (international format) and its 360dialog channel id',
    'the error code and its exact text',
    'first and last time seen (UTC) and how often',
    'the latest health answer of the number (API key removed)',
    'example message ids (wamid) for message errors',
    'what you already tried',
  ],
} as const;
