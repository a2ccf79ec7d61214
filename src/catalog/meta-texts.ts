/**
 * The words Meta's API answers with, per Cloud API code: the error's title (its `message`, or `title` in a webhook)
 * and its `details` sentence. Kept as Meta writes them, since they are what people quote and paste ("Template has
 * been paused too many times …"): the search reads them as phrases (search-index.ts, metaShingles), never shows them.
 *
 * Sources: Meta's error-codes page (copy in github:kapso-meta-docs/documentation, documentation/whatsapp/error-codes.mdx,
 * commit of 2025-12-15: the Code, Details and first line of each row) and pywa's pywa/errors.py (github:david-lev/pywa
 * 0bcf2f1, 2026-08-12), whose exception docstrings carry Meta's descriptions, also for the Groups, Calling, Flows,
 * Block Users, template and username families. Only each text's first sentence, which is what the API returns.
 * A newer copy of Meta's page (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes,
 * fetched 2026-09-11) adds 130403, 132018, template insights, and the titles of the template and migration rows.
 */
export const META_TEXTS: Readonly<Record<string, readonly string[]>> = {
  '0': ['AuthException', 'We were unable to authenticate the app user.'],
  '3': ['API Method', 'Capability or permissions issue.'],
  '10': ['Permission Denied', 'Permission is either not granted or has been removed.'],
  '190': ['Access token has expired', 'Your access token has expired.'],
  '368': [
    'Temporarily blocked for policies violations',
    'The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy.',
  ],
  '130497': [
    'Business account is restricted from messaging users in this country.',
    'The WhatsApp Business Account is restricted from messaging to users in certain countries.',
  ],
  '131031': [
    'Account has been locked',
    'The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform ' +
      'policy, or we were unable to verify data included in the request against data set on the WhatsApp Business Account',
  ],
  '2593079': ['Template insights unavailable', 'This WABA has already been marked for migration to a different solution ID'],
  '2593085': ['Invalid WhatsApp Business Account for OBO Mobility', 'The WABA is not eligible for OBO ownership transfer.'],
  '2593107': [
    'Synchronization Request limit exceeded',
    'You have exceeded the maximum number of times to call the synchronization api for this phone number.',
  ],
  '2593108': [
    'Synchronization Request made outside of allowed time window',
    'Synchronization request can only be made within 24 hours of onboarding',
  ],
  '4': ['API Too Many Calls', 'The app has reached its API call rate limit.'],
  '80007': ['Rate limit issues', 'The WhatsApp Business Account has reached its rate limit.'],
  '130429': ['Rate limit hit', 'Cloud API message throughput has been reached.'],
  '131048': [
    'Spam rate limit hit',
    'Message failed to send because there are restrictions on how many messages can be sent from this phone number.',
  ],
  '131056': [
    '(Business Account, Consumer Account) pair rate limit hit',
    'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.',
  ],
  '133016': [
    'Account register deregister rate limit exceeded',
    'Registration or Deregistration failed because there were too many attempts for this phone number in a short period of time',
  ],
  '1': ['API Unknown', 'Invalid request or possible server error.'],
  '2': ['API Service', 'Temporary due to downtime or due to being overloaded.'],
  '33': ['Parameter value is not valid', 'The business phone number has been deleted.'],
  '100': [
    'Invalid parameter',
    'The request included one or more unsupported or misspelled parameters.',
    // Graph's "(#100) The parameter <name> is required" (messaging_product, to, file, template['language']['code']
    // …), read with the name taken out (words.ts, withoutIdentifiers): frappe_whatsapp#54 and Graph clients' notes.
    'The parameter is required.',
    // Graph's answer to override_callback_uri before the app is subscribed to the WABA: chatwoot/chatwoot#12488,
    // and chatwoot/chatwoot#13279, the fix that subscribes first.
    'Before override the current callback uri, your app must be subscribed to receive messages for WhatsApp Business Account',
    // Graph's checks on a field, the field's path taken out: "(#100) Param <path> must be a string" (restfb/restfb#1268),
    // "… must be a JSON object" (Secreto31126/whatsapp-api-js#1), "… must be one of {…}": its words around the path.
    'Param must be',
    // A template component's parameter left empty, details of a (#100) answer (shridarpatil/frappe_whatsapp#43).
    "Parameter 'text' is mandatory for component parameter type 'text'",
  ],
  '130472': [
    'User’s number is part of an experiment',
    'Message was not sent as part of an experiment.',
    'The user is part of an experiment group and the message was not sent as part of an experiment.',
  ],
  // What the API itself answers for 131000 is "(#131000) Generic error", details "Generic error"
  // (tawn33y/whatsapp-cloud-api#33); pywa's "Generic error." for 135000 is its class name, left out there.
  '131000': ['Something went wrong', 'Message failed to send due to an unknown error.', 'Generic error'],
  '131005': ['Access denied', 'Permission is either not granted or has been removed.'],
  '131008': [
    'Required parameter is missing',
    'The request is missing a required parameter.',
    'You must provide a value for the required parameter.',
    // The details of a (#131008) answer to a URL button sent without its variable (shridarpatil/whatomate#501).
    'buttons: Button at index 0 of type Url requires a parameter',
  ],
  '131009': [
    'Parameter value is not valid',
    'One or more parameter values are invalid.',
    'The parameter you passed is invalid.',
    // The details of a (#131009) answer to an interactive header Graph read as text (Secreto31126/whatsapp-api-js#1, #54).
    'Text cannot be null for header type text',
  ],
  '131016': ['Service unavailable', 'A service is temporarily unavailable.'],
  '131021': ['Recipient cannot be sender', 'Sender and recipient phone number is the same.'],
  '131026': ['Message Undeliverable', 'Unable to deliver message.'],
  '131037': [
    'WhatsApp provided number needs display name approval before message can be sent.',
    'The 555 business phone number used to send the request does not have an approved display name.',
  ],
  '131042': [
    'Business eligibility payment issue',
    'There was an error related to your payment method.',
    'Message failed to send because there were one or more errors related to your payment method.',
  ],
  '131045': ['Incorrect certificate', 'Message failed to send due to a phone number registration error.'],
  '131047': ['Re-engagement message', 'More than 24 hours have passed since the recipient last replied to the sender number.'],
  '131049': ['Meta chose not to deliver.', 'This message was not delivered to maintain healthy ecosystem engagement.'],
  '131050': [
    'User has stopped receipt of marketing messages.',
    'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
    'User has stopped marketing messages from the business account.',
  ],
  '131051': ['Unsupported message type', 'The message type is not supported.'],
  '131052': ['Media download error', 'Unable to download the media sent by the user.'],
  '131053': ['Media upload error', 'Unable to upload the media used in the message.'],
  '131057': ['Account in maintenance mode', 'Business Account is in maintenance mode'],
  '132000': [
    'Template Param Count Mismatch',
    'The number of variable parameter values included in the request did not match the number of variable ' +
      'parameters defined in the template.',
  ],
  '132001': ['Template does not exist', 'The template does not exist in the specified language or the template has not been approved.'],
  '132005': ['Template Hydrated Text Too Long', 'Translated text is too long.', 'The template text is too long.'],
  '132007': [
    'Template Format Character Policy Violated',
    'Template content violates a WhatsApp policy.',
    'The template content violates a WhatsApp policy.',
  ],
  '132012': ['Template Parameter Format Mismatch', 'Variable parameter values formatted incorrectly.'],
  '132015': ['Template is Paused', 'Template is paused due to low quality so it cannot be sent in a template message.'],
  '132016': ['Template is Disabled', 'Template has been paused too many times due to low quality and is now permanently disabled.'],
  '132068': ['Flow is blocked', 'Flow is in blocked state.'],
  '132069': ['Flow is throttled', 'Flow is in throttled state and 10 messages using this flow were already sent in the last hour.'],
  '133000': ['Incomplete Deregistration', 'A previous deregistration attempt failed.'],
  '133004': ['Server Temporarily Unavailable', 'Server is temporarily unavailable.'],
  '133005': ['Two step verification PIN Mismatch', 'Two-step verification PIN incorrect.'],
  '133006': ['Phone number re-verification needed', 'Phone number needs to be verified before registering.'],
  '133008': ['Too Many two step verification PIN Guesses', 'Too many two-step verification PIN guesses for this phone number.'],
  '133009': ['Two step verification PIN Guessed Too Fast', 'Two-step verification PIN was entered too quickly.'],
  '133010': ['Phone number Not Registered', 'Phone number not registered on the WhatsApp Business Platform.'],
  '133015': [
    'Please wait a few minutes before attempting to register this phone number',
    'The phone number you are attempting to register was recently deleted, and deletion has not yet completed.',
  ],
  '134011': [
    'WhatsApp Payments terms of service has not been accepted',
    'Message failed to send because WhatsApp Payments terms of service acceptance is pending for this WhatsApp Business Account.',
  ],
  '135000': ['Generic user error', 'Message failed to send because of an unknown error with your request parameters.'],
  '131055': ['Method not allowed', 'Only marketing template messages are supported'],
  '134100': ['Only marketing messages supported', "You're only able to send marketing messages on this API."],
  '134101': [
    'Your template is still syncing',
    'When you send a message from a template, the template syncing process can take up to 10 minutes to complete.',
  ],
  '134102': [
    'Template unavailable for use',
    "Please check your eligibility status to ensure you are onboarded or contact Meta's customer support.",
  ],
  '132018': ['Template validation error', "There's an issue with the parameters in your template."],
  '1752041': ['Duplicate Request', 'Duplicate Request is thrown when a client has already been invited to onboard by any partner.'],
  '131064': ['Message failed to send because this account has reached its messaging limit due to template classification violations.'],
  '131030': ['When using test numbers, you can add up to 5 numbers that can receive messages.'],
  '132008': ['Variable parameter values formatted incorrectly.'],
  '131044': ['Message failed to send because there were one or more errors related to your payment method.'],
  '137000': ["The recipient's identity key hash does not match the one on record."],
  '131062': ['Business-scoped User ID (BSUID) recipients are not supported for this message.'],
  '131063': [
    'Marketing templates are disabled for Cloud API.',
    'Your template is categorized as Marketing, but marketing templates are currently disabled for your Cloud API configuration.',
  ],
  '139000': [
    "Unfortunately, we've identified an issue with integrity in your account and have prevented you from creating or publishing your Flow.",
  ],
  '139001': [
    "Flow failed to update - Flow can't be updated (You attempted to update a Flow that has already been " +
      'published.) - Error while processing Flow JSON.',
  ],
  '139002': ['Flow failed to publish.'],
  '139003': ['Flow failed to deprecate.'],
  '139004': ['Flow failed to delete.'],
  '139100': ['Failed to block/unblock some users Bulk blocking failed to block some or all of the users.'],
  '139101': ['Blocklist limit reached The blocklist limit is reached when the 64k limit is met.'],
  '139102': [
    'Blocklist concurrent update Occurs when the block list is updated while performing a pagination request and ' +
      'version_id does not match.',
  ],
  '139103': ['Internal error Internal error, please try again.'],
  '138000': ['Calling is not enabled on the business phone number.'],
  '138018': ['WhatsApp Business calling cannot be enabled because technical pre-requisites are not met.'],
  '138001': ['Receiver is unable to receive calls'],
  '138002': [
    'Limit reached for maximum concurrent calls (1000) for the given number Try again later or reduce the frequency ' +
      'or amount of API calls the app is making.',
  ],
  '138003': ['A call is already ongoing with the receiver Try again later when the current call ends.'],
  '138004': ['Error while connecting the call Try again later or investigate the connection params provided to the API.'],
  '138005': [
    'Limit reached for maximum calls that can be initiated by the business phone number Try again later or reduce ' +
      'the frequency or amount of API calls the app is making.',
  ],
  '138006': ['No approved call permission from the recipient Ensure a call permission has been accepted by the consumer'],
  '138007': ['Call was unable to connect due to a timeout Business did not apply the offer/answer SDP from Cloud API in time.'],
  '138012': ['Limit reached for maximum business initiated calls allowed in 24 hours.'],
  '138013': ['Limit reached for requests to the fetch call permission status API.'],
  '613': ['Limit reached for requests to the fetch call permission status API.'],
  '131020': ['Cannot send messages to single member groups.'],
  '131041': ['The group was not found, either because it doesn’t exist or you are not a member.'],
  '131059': ['The cursor has either expired or become corrupted.'],
  '131201': ['Not all participant-level operations in the request succeeded.'],
  '131202': ['Duplicate participants in the participant array input.'],
  '131204': ['Group participant size exceeds limit.'],
  '131207': ['The group violates platform policies.'],
  '131208': ['Group operation failed because there were too many group operations from this phone number in a short period.'],
  '131209': ['Width and height of the image must be equal.'],
  '131210': ['Image width and height must be greater than 192px.'],
  '131211': ['Reached the limit for the maximum number of groups that can be created for this number.'],
  '131212': ['Participant is not a part of the group.'],
  '131213': ['Group join request does not exist.'],
  '131214': [
    'Group creation is temporarily disabled due to excessive marketing messages sent by the WABA in customer ' +
      'service window over the past 7 days.',
  ],
  '131215': ['Groups APIs are only available for eligible phone numbers.'],
  '2388040': ['Character limit exceeded', 'A field in your template has exceeded the maximum character limit allowed.'],
  '2388039': ["Message template status can't be changed", "The status for this message template can't be changed."],
  '2388047': ['Message header format is incorrect', 'Your message header contains invalid formatting.'],
  '2388072': ['Message body format is incorrect', 'Your message body contains invalid formatting.'],
  '2388073': ['Message footer format is incorrect', 'Your message footer contains invalid formatting.'],
  '2388293': ['Parameters words ratio exceeds limit', 'This template has too many variables for its length.'],
  '2388299': ['Leading or trailing parameters not allowed', 'Variables cannot be at the start or end of the template.'],
  '2388019': ['You have exceeded the maximum number of message templates you can have for this WhatsApp business account.'],
  '147001': ['The username has already been claimed, doesn’t pass our internal checks, or is not available for on the platform.'],
  '147002': [
    'The business portfolio that owns the WhatsApp Business Account and business phone number must have a higher messaging limit.',
  ],
  '147003': ['You must link the phone number to the Facebook Page that already uses the requested username.'],
  '147004': ['You must link the phone number to the Instagram account that already uses the requested username.'],
  '147005': ['The requested username is currently in use on another business phone number within your business portfolio.'],
  '2388012': ['This phone number already exists in your list of phone numbers.'],
  '2388091': ['This phone number isn’t eligible to receive/verify a registration code since it is not being migrated.'],
  '2388093': ['This phone number isn’t eligible to receive/verify a registration code since it is not being migrated.'],
  '2388103': [
    'Cannot migrate phone number.',
    'Webhooks have not been set up for the destination WhatsApp Business account.',
    'Registered name should be present and approved.',
    'Your WhatsApp account does not have a payment account.',
    'This phone number belongs to a different Business Manager account.',
  ],
  '2494100': ['Account is in maintenance mode.', 'The business phone number is in maintenance mode.'],
  '2494164': ['The specified signup entity does not exist.'],
  '2494165': ['The In-App Signup API is not enabled for this WABA.'],
  '2494166': ['The confirmation_message contains an unknown placeholder.'],
  '2494167': ['The confirmation_message uses the {{promo_code}} placeholder but no promo_code value was provided.'],
  '2494168': ['The Terms of Service were not accepted.'],
  '2494177': ['The URL provided in policy.tos is not an approved Terms of Service URL.'],
  '2494176': ['The business has already accepted the Terms of Service, but the request still included the policy object.'],
  '2494179': ['The website_url does not use the https:// scheme.'],
  // From the newer copy of the same page (fetched 2026-09-11): the rows the older copy lacks.
  '130403': ['Business blocked user', 'Unable to deliver the message. This business has blocked the end user on WhatsApp'],
  '200005': ['Template insights unavailable', 'Template insights are not available yet for this WhatsApp Business account.'],
  '200006': ['Cannot disable template insights', 'Template Insights cannot be disabled once enabled.'],
  '200007': ['Template Insights not enabled', 'Template Insights have not been enabled for this WhatsApp Business Account'],
};
