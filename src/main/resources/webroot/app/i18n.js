// UI text in Norwegian (bokmål) and English, chosen from the browser's languages.
/** "2 answers, 3 endorsements and 1 accepted answer": the counts above zero, joined the language's way. */
function listOf(counts, and) {
  const parts = counts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${and} ${parts[parts.length - 1]}`;
}

export const texts = {
  en: {
    home: 'Home', notifications: 'Notifications', search: 'Search', questions: 'Questions', experts: 'Who knows', groups: 'Groups',
    links: 'Links', ideas: 'Ideas', pulse: 'Pulse', profile: 'Profile', logout: 'Log out', login: 'Log in',
    devLogin: 'Development login', userId: 'User id', name: 'Name', department: 'Department', roles: 'Roles', leader: 'Leader', admin: 'Admin',
    oidcLogin: 'Log in with your organisation', whatsUp: 'Share something with your colleagues…', post: 'Post', reply: 'Reply', ask: 'Ask',
    askPlaceholder: 'What do you want to know? Use #topics so the right people see it.', similar: 'Answered questions like yours',
    charsLeft: (n) => `${n} characters left`, charsOver: (n) => `${n} characters too many`,
    newPosts: (n) => `${n} new post${n === 1 ? '' : 's'} — show`, endorse: 'Endorse', endorsed: 'Endorsed', share: 'Share', shared: 'Shared',
    edit: 'Edit', delete: 'Delete', save: 'Save', cancel: 'Cancel', history: 'Edit history', confirmDelete: 'Delete this post?',
    replies: (n) => `${n} repl${n === 1 ? 'y' : 'ies'}`, sharedBy: (who) => `Shared by ${who}`, edited: 'edited',
    follow: 'Follow', following: 'Following', acknowledge: 'Mark as read', announcement: 'Announcement',
    live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline', markRead: 'Mark all as read', nothing: 'Nothing here yet.',
    accept: 'Accept as answer', accepted: 'Accepted answer', unanswered: 'Unanswered', answered: 'Answered', all: 'All',
    answer: 'Answer', yourAnswer: 'Your answer…', topic: 'Topic', searchPlaceholder: 'Search posts, people and groups',
    skills: 'Skills', evidence: 'evidence', myNetwork: 'My network (only you see this)', networkSize: 'People I have ties with',
    outside: 'Ties outside my department', reciprocity: 'Ties returned', createGroup: 'Create a group', open: 'Open', private: 'Private',
    join: 'Join', requestToJoin: 'Ask to join', leave: 'Leave', members: 'Members', invite: 'Invite', approve: 'Approve', create: 'Create',
    description: 'Description', posts: 'Posts', status: 'Status', rising: 'Rising', proposeIdea: 'Propose an idea…', propose: 'Propose',
    trends: 'Trending topics', activity: 'Activity, last 24 hours', unansweredByTopic: 'Unanswered questions by topic', risingIdeas: 'Rising ideas',
    matrix: 'Ties between departments', withheld: 'withheld', pulseIntro: 'Figures about groups of at least k people; no one is named.',
    forbidden: 'This is for leaders.', whoKnows: 'Who knows about…', reason: 'Why', saved: 'Saved links', bookmark: 'Save link',
    newVoices: 'New voices this week', failed: 'Something went wrong', notFound: 'Not found', group: 'Group', everyone: 'Everyone',
    audience: 'Audience', toGroup: 'to the group', makeAnnouncement: 'Make an announcement', announceToMembers: 'Announce to the members',
    announce: 'Announce', announcePlaceholder: 'It stays on top of everyone\'s home until they mark it as read…',
    announceToGroup: 'It stays on top of every member\'s home until they mark it as read…',
    notificationKinds: {
      mention: 'mentioned you', reply: 'replied to you', endorsement: 'endorsed your post', share: 'shared your post', follow: 'followed you',
      'group.invitation': 'invited you to a group', 'group.request': 'asked to join your group', 'group.approved': 'approved your request',
      'group.ownership': 'left you in charge of a group (its owners have left)',
      question: 'asks you a question', 'answer.accepted': 'accepted your answer', 'idea.status': 'set the status of your idea',
      'thread.reply': 'replied in a conversation you are in',
      'post.reported': 'wrote a post in your group that was reported', 'post.removed': 'removed your post',
      'report.removed': 'removed a post you reported', 'report.kept': 'reviewed a post you reported and kept it',
    },
    former: 'former colleague', people: 'People', type: 'Type',
    roleNames: { owner: 'owner', member: 'member', invited: 'invited', requested: 'asks to join' },
    address: 'Address', tags: 'Tags', comment: 'Comment', searchLinks: 'Words in the address, tags or comments', sort: 'Sort',
    newest: 'Newest', mostSharedThisWeek: 'Most shared this week', removeBookmark: 'Remove my bookmark',
    sharedByCount: (n) => `shared by ${n} ${n === 1 ? 'person' : 'people'}`, thisWeek: (n) => `${n} this week`,
    ideaStatus: { new: 'New', 'under-review': 'Under review', accepted: 'Accepted', done: 'Done', declined: 'Declined' },
    answersCount: (n) => `${n} answer${n === 1 ? '' : 's'}`,
    evidenceText: (ev, topics) => listOf([[ev.acceptedAnswers, 'accepted answer', 'accepted answers'], [ev.answers, 'answer', 'answers'],
      [ev.endorsements, 'endorsement', 'endorsements'], [ev.skillEndorsements, 'skill endorsement with evidence', 'skill endorsements with evidence'],
      [ev.skillEndorsementsWithoutEvidence, 'skill endorsement without evidence', 'skill endorsements without evidence']], 'and')
      + ` in ${topics.map((x) => `#${x}`).join(' and ')}`,
    vouch: 'Vouch for this', withdrawVouch: 'Withdraw my endorsement', vouchFor: 'Vouch that they know a topic',
    evidenceOptional: 'Evidence: one of their posts (weighs most in "who knows")', noEvidence: '(no evidence)',
    hide: 'Hide', show: 'Show', hiddenSkill: 'hidden from others',
    access: 'Who may join',
    note: 'Note', setStatus: 'Set status', decidedBy: (who) => `Decided by ${who}`,
    decline: 'Decline', withdrawInvitation: 'Withdraw the invitation', makeOwner: 'Make owner', makeMember: 'Make plain member', remove: 'Remove',
    archiveGroup: 'Archive the group', archivedGroup: 'archived: read-only',
    confirmArchive: 'Archive this group? It becomes read-only for good: no posts, no new members.',
    noLogin: 'This server has no login configured for the web client (DELING_OIDC_CLIENT_ID).',
    withdraw: 'Withdraw', confirmWithdraw: 'Withdraw this announcement? It leaves everyone\'s home.',
    reach: (n, of) => `${n} of ${of} have read it`, reachHidden: 'fewer than 5 people: no count, so no one is singled out',
    report: 'Report', reported: 'Reported', sendReport: 'Send report', reportNote: 'What is wrong? (needed for "something else")',
    reportReasons: { spam: 'Spam', harassment: 'Harassment', confidential: 'Confidential information', misinformation: 'Misinformation', other: 'Something else' },
    reportedThanks: 'Reported. The moderators will look at it, and you will hear how it ends. They do not see who reported.',
    moderation: 'Moderation', moderationIntro: 'Reported posts you moderate, most reported first. You never see who reported.',
    reportsCount: (n) => `${n} report${n === 1 ? '' : 's'}`, removalReason: 'Why it is removed (its author is told)', removePost: 'Remove the post',
    keepPost: 'Keep it',
    editGroup: 'About the group', topicsField: 'Topics (#like #these)',
    followConversation: 'Follow the conversation', muteConversation: 'Mute the conversation',
    conversationHint: 'Whoever writes in a conversation hears of its new replies, until they mute it.',
    to: 'To', hours: 'hours', k: 'k', shareOutside: 'Share with a tie outside', score: 'score', authors: (n) => `${n} authors in its peak hour`,
  },
  nb: {
    home: 'Hjem', notifications: 'Varsler', search: 'Søk', questions: 'Spørsmål', experts: 'Hvem kan', groups: 'Grupper',
    links: 'Lenker', ideas: 'Idéer', pulse: 'Puls', profile: 'Profil', logout: 'Logg ut', login: 'Logg inn',
    devLogin: 'Utviklerinnlogging', userId: 'Bruker-id', name: 'Navn', department: 'Avdeling', roles: 'Roller', leader: 'Leder', admin: 'Administrator',
    oidcLogin: 'Logg inn med organisasjonen din', whatsUp: 'Del noe med kollegene dine…', post: 'Publiser', reply: 'Svar', ask: 'Spør',
    askPlaceholder: 'Hva lurer du på? Bruk #emner så de rette ser det.', similar: 'Besvarte spørsmål som ligner',
    charsLeft: (n) => `${n} tegn igjen`, charsOver: (n) => `${n} tegn for mye`,
    newPosts: (n) => `${n} ${n === 1 ? 'nytt innlegg' : 'nye innlegg'} — vis`, endorse: 'Anbefal', endorsed: 'Anbefalt', share: 'Del', shared: 'Delt',
    edit: 'Rediger', delete: 'Slett', save: 'Lagre', cancel: 'Avbryt', history: 'Endringshistorikk', confirmDelete: 'Slette innlegget?',
    replies: (n) => `${n} svar`, sharedBy: (who) => `Delt av ${who}`, edited: 'redigert',
    follow: 'Følg', following: 'Følger', acknowledge: 'Merk som lest', announcement: 'Kunngjøring',
    live: 'Direkte', reconnecting: 'Kobler til igjen…', offline: 'Frakoblet', markRead: 'Merk alle som lest', nothing: 'Ingenting her ennå.',
    accept: 'Godta som svar', accepted: 'Godtatt svar', unanswered: 'Ubesvart', answered: 'Besvart', all: 'Alle',
    answer: 'Svar', yourAnswer: 'Ditt svar…', topic: 'Emne', searchPlaceholder: 'Søk i innlegg, personer og grupper',
    skills: 'Ferdigheter', evidence: 'belegg', myNetwork: 'Mitt nettverk (bare du ser dette)', networkSize: 'Personer jeg har bånd til',
    outside: 'Bånd utenfor avdelingen', reciprocity: 'Gjengjeldte bånd', createGroup: 'Opprett gruppe', open: 'Åpen', private: 'Lukket',
    join: 'Bli med', requestToJoin: 'Be om å bli med', leave: 'Forlat', members: 'Medlemmer', invite: 'Inviter', approve: 'Godkjenn', create: 'Opprett',
    description: 'Beskrivelse', posts: 'Innlegg', status: 'Status', rising: 'Stigende', proposeIdea: 'Foreslå en idé…', propose: 'Foreslå',
    trends: 'Emner i vinden', activity: 'Aktivitet siste døgn', unansweredByTopic: 'Ubesvarte spørsmål per emne', risingIdeas: 'Idéer på vei opp',
    matrix: 'Bånd mellom avdelinger', withheld: 'holdt tilbake', pulseIntro: 'Tall om grupper på minst k personer; ingen nevnes ved navn.',
    forbidden: 'Dette er for ledere.', whoKnows: 'Hvem kan noe om…', reason: 'Hvorfor', saved: 'Lagrede lenker', bookmark: 'Lagre lenke',
    newVoices: 'Nye stemmer denne uken', failed: 'Noe gikk galt', notFound: 'Fant ikke', group: 'Gruppe', everyone: 'Alle',
    audience: 'Mottakere', toGroup: 'til gruppen', makeAnnouncement: 'Lag en kunngjøring', announceToMembers: 'Kunngjør til medlemmene',
    announce: 'Kunngjør', announcePlaceholder: 'Den ligger øverst hos alle til de merker den som lest…',
    announceToGroup: 'Den ligger øverst hos alle medlemmene til de merker den som lest…',
    notificationKinds: {
      mention: 'nevnte deg', reply: 'svarte deg', endorsement: 'anbefalte innlegget ditt', share: 'delte innlegget ditt', follow: 'følger deg',
      'group.invitation': 'inviterte deg til en gruppe', 'group.request': 'ba om å bli med i gruppen din', 'group.approved': 'godkjente forespørselen din',
      'group.ownership': 'overlot gruppen til deg (eierne har sluttet)',
      question: 'stiller deg et spørsmål', 'answer.accepted': 'godtok svaret ditt', 'idea.status': 'satte status på idéen din',
      'thread.reply': 'svarte i en samtale du er med i',
      'post.reported': 'skrev et innlegg i gruppen din som er rapportert', 'post.removed': 'fjernet innlegget ditt',
      'report.removed': 'fjernet et innlegg du rapporterte', 'report.kept': 'gikk gjennom et innlegg du rapporterte og beholdt det',
    },
    former: 'tidligere kollega', people: 'Personer', type: 'Type',
    roleNames: { owner: 'eier', member: 'medlem', invited: 'invitert', requested: 'ber om å bli med' },
    address: 'Adresse', tags: 'Emneknagger', comment: 'Kommentar', searchLinks: 'Ord i adressen, emneknaggene eller kommentarene', sort: 'Sorter',
    newest: 'Nyeste', mostSharedThisWeek: 'Mest delt denne uken', removeBookmark: 'Fjern bokmerket mitt',
    sharedByCount: (n) => `delt av ${n} ${n === 1 ? 'person' : 'personer'}`, thisWeek: (n) => `${n} denne uken`,
    ideaStatus: { new: 'Ny', 'under-review': 'Vurderes', accepted: 'Godtatt', done: 'Gjennomført', declined: 'Avslått' },
    answersCount: (n) => `${n} svar`,
    evidenceText: (ev, topics) => listOf([[ev.acceptedAnswers, 'godtatt svar', 'godtatte svar'], [ev.answers, 'svar', 'svar'],
      [ev.endorsements, 'anbefaling', 'anbefalinger'], [ev.skillEndorsements, 'anbefalt ferdighet med belegg', 'anbefalte ferdigheter med belegg'],
      [ev.skillEndorsementsWithoutEvidence, 'anbefalt ferdighet uten belegg', 'anbefalte ferdigheter uten belegg']], 'og')
      + ` i ${topics.map((x) => `#${x}`).join(' og ')}`,
    vouch: 'Gå god for dette', withdrawVouch: 'Trekk tilbake anbefalingen', vouchFor: 'Gå god for at de kan et emne',
    evidenceOptional: 'Belegg: et av innleggene deres (teller mest i «hvem kan»)', noEvidence: '(uten belegg)',
    hide: 'Skjul', show: 'Vis', hiddenSkill: 'skjult for andre',
    access: 'Hvem kan bli med',
    note: 'Merknad', setStatus: 'Sett status', decidedBy: (who) => `Avgjort av ${who}`,
    decline: 'Avslå', withdrawInvitation: 'Trekk tilbake invitasjonen', makeOwner: 'Gjør til eier', makeMember: 'Gjør til vanlig medlem', remove: 'Fjern',
    archiveGroup: 'Arkiver gruppen', archivedGroup: 'arkivert: kun lesing',
    confirmArchive: 'Arkivere gruppen? Den blir skrivebeskyttet for godt: ingen innlegg, ingen nye medlemmer.',
    noLogin: 'Denne serveren har ingen innlogging satt opp for webklienten (DELING_OIDC_CLIENT_ID).',
    withdraw: 'Trekk tilbake', confirmWithdraw: 'Trekke tilbake kunngjøringen? Den forsvinner fra alles hjem.',
    reach: (n, of) => `${n} av ${of} har lest den`, reachHidden: 'under 5 personer: ingen telling, så ingen pekes ut',
    report: 'Rapporter', reported: 'Rapportert', sendReport: 'Send rapport', reportNote: 'Hva er galt? (må fylles ut for «noe annet»)',
    reportReasons: { spam: 'Søppelpost', harassment: 'Trakassering', confidential: 'Konfidensiell informasjon', misinformation: 'Feilinformasjon', other: 'Noe annet' },
    reportedThanks: 'Rapportert. Moderatorene ser på det, og du får vite utfallet. De ser ikke hvem som rapporterte.',
    moderation: 'Moderering', moderationIntro: 'Rapporterte innlegg du modererer, de mest rapporterte først. Du ser aldri hvem som rapporterte.',
    reportsCount: (n) => `${n} ${n === 1 ? 'rapport' : 'rapporter'}`, removalReason: 'Hvorfor det fjernes (forfatteren får beskjed)', removePost: 'Fjern innlegget',
    keepPost: 'Behold det',
    editGroup: 'Om gruppen', topicsField: 'Emner (#slik #som #disse)',
    followConversation: 'Følg samtalen', muteConversation: 'Demp samtalen',
    conversationHint: 'Den som skriver i en samtale, får beskjed om nye svar i den, til de demper den.',
    to: 'Til', hours: 'timer', k: 'k', shareOutside: 'Andel med bånd utenfor', score: 'poeng', authors: (n) => `${n} skribenter i topptimen`,
  },
};

function pick() {
  const forced = new URLSearchParams(location.search).get('lang');
  const langs = forced ? [forced] : (navigator.languages || [navigator.language || 'en']);
  for (const l of langs) {
    const base = String(l).toLowerCase().split('-')[0];
    if (base === 'nb' || base === 'no' || base === 'nn') return 'nb';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export const lang = pick();
document.documentElement.lang = lang;
export const t = texts[lang];
export const dateFormat = new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
