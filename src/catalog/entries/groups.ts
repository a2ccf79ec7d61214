/**
 * The Groups API's own codes: creating groups, managing participants and join requests, and sending
 * to a group. Source: Meta's "Groups API Error Codes and Troubleshooting" page,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/error-codes
 * (page updated Oct 31, 2025, read in the public copy kapso-meta-docs/documentation,
 * documentation/whatsapp/groups/error-codes.mdx at commit 1bda228). The page gives one line per code and
 * the HTTP status; the steps below are ours. All text is written for this project.
 */
import type { CatalogEntry } from '../types.js';

const SELF_SERVE = {
  verdict: 'no',
  why: 'The request does not fit a rule of the Groups API; you change the request, nothing is broken at 360dialog or Meta.',
} as const;

/** A group request Meta refused as written: a 400 that the caller fixes. */
function groupRule(code: string, title: string, meaning: string, steps: readonly string[], keywords: readonly string[]) {
  return {
    id: `cloud-${code}`,
    code,
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 400,
    title,
    meaning,
    steps,
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    related: ['cloud-131041'],
    keywords: ['groups', ...keywords],
  } as const satisfies CatalogEntry;
}

export const groupsEntries = [
  groupRule(
    '131020',
    'Bad group: the group has only one member',
    'A message was sent to a group whose only member is your business number. The Groups API does not deliver to such a group.',
    [
      'Check who is in the group (the group’s info lists its participants).',
      'Invite at least one WhatsApp user (send them the group’s invite link) and wait until they join.',
      'Send the message again once the group has another member.',
    ],
    ['single member group', 'bad group', 'group has no members', 'only member'],
  ),
  {
    id: 'cloud-131041',
    code: '131041',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 400,
    title: 'Group not found, or the business is not a member',
    meaning:
      'Meta’s title is Group unknown: the group id in the request names no group your number can use. The group does not exist ' +
      '(or was deleted), or your business number is no longer a member of it.',
    steps: [
      'Check the group id against the number’s active groups (GET /PHONE_NUMBER_ID/groups).',
      'If the group was deleted or your number left it, create a new group and invite the participants again.',
      'Make sure the request uses the id of a group created by this same business number.',
    ],
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    keywords: ['groups', 'group not found', 'not a member of the group', 'group id'],
  },
  groupRule(
    '131059',
    'Invalid cursor: the page cursor expired or is corrupted',
    'A paginated Groups API request (such as listing groups) used a before or after cursor that has expired or was changed.',
    ['Start the listing again from the first page, without a cursor.', 'Use each cursor soon after you get it and pass it on unchanged.'],
    ['invalid cursor', 'pagination', 'paging cursor', 'cursor expired'],
  ),
  {
    id: 'cloud-131201',
    code: '131201',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 206,
    title: 'Group request partially succeeded',
    meaning:
      'A request that changes several participants at once (adding or removing them, answering join requests) worked for some ' +
      'participants and not for others. The answer arrives with HTTP 206.',
    steps: [
      'Read the answer: it names the participants whose part failed and why.',
      'Look up the code given for each failed participant (131202, 131204 and 131212 are the usual ones).',
      'Send a new request for the failed participants only, once their reason is fixed.',
    ],
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    related: ['cloud-131202', 'cloud-131204', 'cloud-131212'],
    keywords: ['groups', 'partially succeeded', 'partial success', 'some participants failed', '206'],
  },
  groupRule(
    '131202',
    'Duplicate participant in the request',
    'The participant list of a group request names the same person more than once.',
    ['Remove the repeated entries from the participant array.', 'Send the request again.'],
    ['duplicate participant', 'participant twice', 'participant array'],
  ),
  groupRule(
    '131204',
    'Group is over its participant limit',
    'The change would take the group past the number of participants Meta allows in one group.',
    [
      'Check how many participants the group has now (the group’s info lists them).',
      'Remove participants who no longer need to be in the group, or split the audience over several groups.',
      'Add the remaining participants again.',
    ],
    ['participant overlimit', 'group full', 'too many participants', 'group size limit'],
  ),
  {
    id: 'cloud-131207',
    code: '131207',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 403,
    title: 'Group suspended for violating platform policies',
    meaning: 'Meta suspended the group because it breaks a WhatsApp platform policy. Requests about that group are refused with HTTP 403.',
    steps: [
      'Stop sending to the group and check what was sent there recently (content, frequency, who added whom).',
      'Review the WhatsApp Business Messaging Policy for what the group broke.',
      'If you think the suspension is a mistake, ask Meta for a review through WhatsApp Manager or Meta’s business support.',
    ],
    escalation: {
      verdict: 'meta',
      why: 'A suspension is Meta’s policy decision; only Meta can review it, and 360dialog cannot lift it.',
    },
    severity: 'warning',
    retry: 'no',
    related: ['cloud-368', 'cloud-131041'],
    keywords: ['groups', 'group suspended', 'group banned', 'group policy violation'],
  },
  {
    id: 'cloud-131208',
    code: '131208',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 429,
    title: 'Group rate limit hit',
    meaning:
      'The business number made too many group operations (creating groups, changing participants, settings and so on) in a short ' +
      'time, so further ones are refused for a while.',
    steps: [
      'Pause the job that manages groups, then retry with exponential backoff.',
      'Spread group changes out over time instead of sending them in a burst, and batch participants into one request where you can.',
    ],
    escalation: { verdict: 'no', why: 'It is a throttle on group operations that lifts when you slow down.' },
    severity: 'warning',
    retry: 'backoff',
    related: ['cloud-130429'],
    keywords: ['groups', 'group rate limit', 'too many group operations', 'group throttled'],
  },
  groupRule(
    '131209',
    'Group profile picture is not square',
    'The image set as the group’s profile picture has a width different from its height; it must be square.',
    ['Crop the image to equal width and height.', 'Upload it again as the group picture.'],
    ['group profile picture', 'group picture aspect ratio', 'square image', 'group icon'],
  ),
  groupRule(
    '131210',
    'Group profile picture is too small',
    'The image set as the group’s profile picture is too small to process: both its width and its height must be more than 192 pixels.',
    ['Use a larger image, more than 192 by 192 pixels (and square).', 'Upload it again as the group picture.'],
    ['group picture too small', 'image too small', '192px', 'group icon'],
  ),
  groupRule(
    '131211',
    'Group creation limit reached for the number',
    'The business number already created the maximum number of groups that Meta allows for one number, so it cannot create more.',
    [
      'List the number’s active groups (GET /PHONE_NUMBER_ID/groups) and delete those no longer needed.',
      'Create the new group again, or reuse an existing group for the same audience.',
    ],
    ['group create limit', 'too many groups', 'maximum number of groups', 'cannot create group'],
  ),
  groupRule(
    '131212',
    'Participant is not in the group',
    'The request acts on a participant (removing them, for example) who is not a member of the group.',
    [
      'Fetch the group’s current participants and check the number or user id you used.',
      'Leave out users who already left or were removed, and send the request again.',
    ],
    ['participant not in group', 'not a participant', 'remove participant'],
  ),
  groupRule(
    '131213',
    'Group join request does not exist',
    'The request answers a join request that does not exist: the id is wrong, or the request was already answered or withdrawn.',
    ['Fetch the group’s open join requests again and use an id from that list.', 'Skip requests that are no longer listed.'],
    ['join request', 'join request not found', 'approve join request'],
  ),
  {
    id: 'cloud-131214',
    code: '131214',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 400,
    title: 'Group creation temporarily disabled after too many marketing messages',
    meaning:
      'Meta paused group creation for the number because the WhatsApp Business Account sent too many marketing messages inside ' +
      'customer service windows over the past 7 days.',
    steps: [
      'Stop trying to create groups for now; existing groups are not what is refused.',
      'Review how many marketing messages the account sends inside customer service windows and cut them back.',
      'Try creating the group again after some days, once the 7-day count has come down.',
    ],
    escalation: { verdict: 'no', why: 'Meta lifts the pause by itself once the marketing volume of the last 7 days drops.' },
    severity: 'warning',
    retry: 'later',
    related: ['cloud-131211'],
    keywords: ['groups', 'group creation disabled', 'group creation temporarily disabled', 'excessive marketing'],
  },
  {
    id: 'cloud-131215',
    code: '131215',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 400,
    title: 'Number not eligible for the Groups API',
    meaning: 'The business number does not meet Meta’s eligibility rules for the Groups API, so every group request is refused.',
    steps: [
      'Check the eligibility rules on Meta’s Groups API get-started page against the number and its account.',
      'Use the Groups API from a number that meets them.',
      'If the number meets every rule and is still refused, ask Meta through its business support.',
    ],
    escalation: { verdict: 'meta', why: 'Meta decides which numbers may use the Groups API.' },
    severity: 'info',
    retry: 'no',
    keywords: ['groups', 'not eligible for groups', 'groups api eligibility', 'groups not available'],
  },
] as const satisfies readonly CatalogEntry[];
