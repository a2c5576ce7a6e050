/**
 * A small labelled set for the theme suggester: short highlights from interviews about a
 * research tool, each with the topic a researcher sorted it under. Participants' names appear in
 * the quotes as they do in real transcripts.
 */
export const LABELLED_HIGHLIGHTS: readonly { topic: string; text: string }[] = [
  // Pricing and plans
  {
    topic: 'pricing',
    text: 'The per seat pricing gets expensive as soon as the team grows past five people.',
  },
  {
    topic: 'pricing',
    text: 'We almost cancelled at renewal because the annual plan price went up again.',
  },
  { topic: 'pricing', text: 'I could not tell from the pricing page which plan includes the API.' },
  {
    topic: 'pricing',
    text: 'Paying per seat for stakeholders who only read reports feels unfair.',
  },
  { topic: 'pricing', text: 'Our finance team asked Priya why the invoice had extra seats on it.' },
  {
    topic: 'pricing',
    text: 'The free trial ended before we had uploaded a single real interview, so we had to pay to find out.',
  },
  {
    topic: 'pricing',
    text: 'A cheaper plan for viewers would make it easy to invite the whole product team.',
  },
  {
    topic: 'pricing',
    text: 'The enterprise plan price is hidden behind a sales call, which I hate.',
  },
  {
    topic: 'pricing',
    text: 'Honestly the annual plan price is the main reason we are looking at other tools.',
  },
  { topic: 'pricing', text: 'Per seat pricing punishes us for sharing research with more people.' },
  // Onboarding and setup
  {
    topic: 'onboarding',
    text: 'Onboarding took me two weeks because the setup guide was out of date.',
  },
  {
    topic: 'onboarding',
    text: 'Nobody showed us how to set up the project templates during onboarding.',
  },
  {
    topic: 'onboarding',
    text: 'The onboarding checklist skipped the part about inviting teammates to the workspace.',
  },
  {
    topic: 'onboarding',
    text: 'Marco spent his first week figuring out the setup guide on his own.',
  },
  {
    topic: 'onboarding',
    text: 'An onboarding video for new researchers would have saved us days of setup.',
  },
  {
    topic: 'onboarding',
    text: 'The welcome tour shows features we do not have, so onboarding felt confusing.',
  },
  {
    topic: 'onboarding',
    text: 'Setting up the workspace and inviting teammates took far longer than it should.',
  },
  {
    topic: 'onboarding',
    text: 'I gave up on the setup guide and asked a colleague to walk me through onboarding.',
  },
  {
    topic: 'onboarding',
    text: 'New hires still struggle with onboarding because the project templates are not explained.',
  },
  {
    topic: 'onboarding',
    text: 'The first login drops you into an empty workspace with no onboarding at all.',
  },
  // Exporting and reports
  { topic: 'export', text: 'I never found the export button, it is hidden in a menu.' },
  { topic: 'export', text: 'The PDF export breaks the layout of long quotes in the report.' },
  {
    topic: 'export',
    text: 'We need to export highlights to a spreadsheet for the quarterly review.',
  },
  { topic: 'export', text: 'Exporting the report to slides loses all the video clips.' },
  {
    topic: 'export',
    text: 'Sam copies quotes by hand because the export to the spreadsheet drops the tags.',
  },
  {
    topic: 'export',
    text: 'The export button only exports the current page of highlights, not all of them.',
  },
  {
    topic: 'export',
    text: 'Stakeholders want the report as a PDF export they can forward by email.',
  },
  { topic: 'export', text: 'A CSV export with participant details would help our analysts a lot.' },
  { topic: 'export', text: 'The report export takes ages and sometimes the PDF is empty.' },
  {
    topic: 'export',
    text: 'I would like to export highlights with their tags into a spreadsheet.',
  },
  // Search and finding things
  { topic: 'search', text: 'Search does not find a quote unless I type the exact words.' },
  { topic: 'search', text: 'I search for a participant and get hundreds of irrelevant results.' },
  {
    topic: 'search',
    text: 'Finding an old interview takes forever because search ignores the transcript title.',
  },
  { topic: 'search', text: 'Filtering search results by tag would save me so much time.' },
  { topic: 'search', text: 'Lena said search results are sorted in an order nobody understands.' },
  {
    topic: 'search',
    text: 'When I search for pricing I get every interview, the results are useless.',
  },
  {
    topic: 'search',
    text: 'Search should match plurals and different spellings of the same word.',
  },
  {
    topic: 'search',
    text: 'I keep my own list of interview links because finding things with search is so slow.',
  },
  { topic: 'search', text: 'There is no way to filter search results by date or by project.' },
  { topic: 'search', text: 'Typing a quote in search never finds the interview it came from.' },
  // Collaboration and sharing
  {
    topic: 'collaboration',
    text: 'Comments on highlights get lost, nobody gets notified when someone replies.',
  },
  {
    topic: 'collaboration',
    text: 'Two of us edited the same board and one person lost all their changes.',
  },
  {
    topic: 'collaboration',
    text: 'I want to mention a designer in a comment so they see the clip.',
  },
  {
    topic: 'collaboration',
    text: 'Sharing a board with the product manager needs a full account for them.',
  },
  {
    topic: 'collaboration',
    text: 'We discuss findings in comments, but the notifications arrive a day late.',
  },
  {
    topic: 'collaboration',
    text: 'Working on the same board at the same time with my colleague is chaotic.',
  },
  {
    topic: 'collaboration',
    text: 'A shared link to a board that expires would make sharing with clients easy.',
  },
  { topic: 'collaboration', text: 'Replies to comments should notify everyone in the thread.' },
  {
    topic: 'collaboration',
    text: 'When Jonas and I both move cards on the board we overwrite each other.',
  },
  {
    topic: 'collaboration',
    text: 'I cannot mention a teammate in a comment, so I send them a chat message instead.',
  },
];
