# The web pages' words, in English. Every key here is also in fr/pages.ftl (a unit test checks);
# arguments are written { $name }.

## The frame of every page
site = Site
main-menu = Main
home = Home
footer-label = About this software
footer = Powered by Solidarity, free software under the AGPL-3.0-or-later.

## Accounts
sign-in = Sign in
sign-up = Sign up
sign-out = Sign out
handle = Handle
password = Password
no-account-yet = No account yet?
handle-help = Letters, digits and underscores. People elsewhere find you as @handle@{ $domain }.
display-name = Name shown to others
password-help = At least 8 characters.
password-again = Password again
create-account = Create my account
have-account = Already have an account?
signup-closed = This instance does not take sign-ups. An administrator can create your account.
your-account = Your account
you-are = Your address on the fediverse:
where-signed-in = Where you are signed in
this-browser = this browser
signed-in-at = signed in { $at }
last-used-at = last used { $at }
sign-out-everywhere = Sign out everywhere

## Home and profiles
find-us = Find us on the fediverse at { $domain }.
organization = Organization
follow-from-anywhere = Follow from any fediverse server by searching for { $acct }.
atom-feed = Atom feed
calendar = Calendar (iCalendar)
upcoming-events = Upcoming events
no-upcoming-events = No upcoming events.
people-going = { $count ->
    [one] 1 person going
   *[other] { $count } people going
}
actions = Actions
no-actions = No actions yet.
campaigns = Campaigns
no-campaigns = No campaigns yet.

## Actions
by = By
counted-thanks = Thank you: you are counted.
counted-withdraw = You can come back to this page to withdraw.
progress = Progress
by-coop = By co-op
until = Until
addressed-to = Addressed to: { $targets }
you-took-part = You took part on { $at },
you-said = saying “{ $comment }”.
withdraw = Withdraw
action-closed = This action no longer takes part.
name-for-organizers = Your name, as the organizers see it
word-to-organizers = A word to the organizers (optional)
consent-to-contact = @{ $organization } may contact me about this action
sign-in-to-take-part = Sign in to take part,
or-take-part-by-poll = or take part from your own fediverse account: answer the poll @{ $organization } sent about this action.

## Events
hosted-by = Hosted by
event-cancelled = This event is cancelled.
when = When
where = Where
map = map
online = Online
going = Going
maybe-count = { $count } maybe
places-left = { $count ->
    [one] 1 place left
   *[other] { $count } places left
}
add-to-calendar = Add @{ $organization }'s events to your calendar (iCalendar)
add-event-to-calendar = Add this event to your calendar (iCalendar)
your-time-zone = Your time zone
time-zone-help = Like Europe/Paris or America/Montreal: the times are shown in it too.
time-zone-unknown = Not a time zone we know: write it like Europe/Paris.
show-in-zone = Show the times in my zone
answer-elsewhere = Answer from your own server
will-you-come = Will you come?
sign-up-elsewhere = Sign up on the organizers' site
no-answers-here = This event does not take answers here.
your-answer = Your answer
answer-going = Going
answer-maybe = Maybe
answer-declined = Can't go
answer-withdraw = Take back my answer
send-answer = Send my answer
sign-in-to-answer = Sign in to answer,
or-answer-elsewhere = or answer from your own fediverse account (Mobilizon, or the poll in Mastodon).
you-are-going = You are going.
you-might-go = You might go.
you-cannot-go = You said you cannot go.
you-asked-to-join = You asked to join; an organizer will answer.
your-request-declined = An organizer declined your request.

## Campaigns
campaign-of = A campaign of
cohosted-by = co-hosted by
campaign-active = active
campaign-won = won
campaign-lost = lost
campaign-closed = closed
our-demands = Our demands
goal = Goal:
taking-part = Taking part
campaign-participations = { $count ->
    [one] 1 participation in its actions,
   *[other] { $count } participations in its actions,
}
campaign-going = { $count ->
    [one] 1 person going to its events.
   *[other] { $count } people going to its events.
}
participations-per-coop = Participations per co-op
instance = Instance
participations = Participations
actions-and-events = Actions and events
nothing-yet = Nothing yet.
shared-from-elsewhere = shared from another server
updates = Updates

## Writing actions and events
for-organization = For
new-action = New action
edit-action = Change the action
delete-action = Delete this action
action-kind = Kind of action
kind-petition = Petition
kind-letter = Letter
kind-call = Call-in
kind-email = E-mail
kind-protest = Protest
kind-outreach = Outreach
kind-donation = Donation
kind-other = Other
field-title = Title
field-description = Short description
field-body = Text
markdown-help = Markdown: **bold**, *italic*, [a link](https://example.org), lists with "- ".
preview = Preview
field-targets = Addressed to
targets-help = One per line.
field-goal = Goal (how many)
field-goal-unit = Counted as (signatures, calls…)
field-deadline = Deadline
field-timezone = Time zone
timezone-help = A name like Europe/Paris or America/New_York.
field-external-url = Take part elsewhere (link)
field-external-label = Text of that link
field-status = Status
status-open = Open
status-closed = Closed
status-won = Won
status-lost = Lost
save = Save
publish = Publish
edit = Change
participants = Participants
new-event = New event
edit-event = Change the event
delete-event = Delete this event
field-starts = Starts
field-ends = Ends
field-place-name = Place
field-place-address = Address
field-latitude = Latitude
field-longitude = Longitude
field-online-url = Online room (link)
field-capacity = Places (empty: no limit)
field-join-mode = Who may come
join-free = Anyone: answers count at once
join-restricted = On request: an organizer approves each answer
join-invite = By invitation only
join-external = Sign-up on another site (the link below)
join-none = No answers here
field-category = Category
category-help = Optional, like MOVEMENTS_POLITICS or COMMUNITY (Mobilizon's categories).
event-status-confirmed = Confirmed
event-status-tentative = Tentative
event-status-cancelled = Cancelled
member-organizations = Member organizations
no-organizations = No organization yet.
event-pages = Pages of events
earlier-page = Earlier events
later-page = Later events

## Following across servers
follow-elsewhere = Follow from your own server
your-address = Your fediverse address
your-address-help = Like you@your.server: you will confirm on your own server.
follow-from-home = Follow from my server
follow-confirm-title = Follow this account?
follow = Follow
cancel = Cancel
following-title = Whom you follow
following-none = You follow nobody elsewhere yet.
follow-by-address = Follow an organization or a campaign of another co-op
follow-by-address-help = Its address, like name@other.coop, or the link to its page.
find-to-follow = Find it
follow-accepted = following
follow-pending = waiting for an answer
participants-of = Who took part in { $title }
participants-csv = Contacts of those who agreed (CSV)
answers-csv = Answers (CSV)
participants-none = Nobody yet.
participant-consents = may be contacted
unnamed-browser = a browser that did not say its name
continue-explained = Your server, { $host }, will ask you to confirm. You are leaving this site.
continue-to = Continue to { $host }
continue-only-opens = { $host } does not say how its people take part elsewhere: it will open this page there. Follow the organization from there, then answer its poll, or sign in here.
take-part-elsewhere = Take part from your own server
take-part-from-home = Take part from my server
answer-from-home = Answer from my server
sign-confirm-title = Take part in this action?
rsvp-confirm-title = Go to this event?
take-part-confirm = Take part

## Members of an organization
members = Members
members-of = Members of @{ $organization }
role-owner = owner
role-admin = admin
role-member = member
field-role = Role
change-role = Change the role
remove-member = Remove
invite-member = Invite someone
invite-handle = Their handle on this server
send-invitation = Send the invitation
invitations = Invitations
invited-as = You are invited as { $role } of
accept-invitation = Accept
decline-invitation = Decline

## A person's own pages
timeline = Timeline
timeline-empty = Nothing here yet: follow organizations of other co-ops from their pages.
boosted-by = boosted by { $account }
my-events = My events
my-events-none = You have not answered any event yet.
private-calendar = Your private calendar address
private-calendar-help = Calendar apps can follow the events you answer at a private address. Anyone who has it sees them: keep it to yourself.
private-calendar-exists = You have a private calendar address. It is shown only once; make a new one if you lost it (the old one stops working).
private-calendar-made = Your new private calendar address: add it to your calendar app now, it is shown only once.
private-calendar-make = Make my calendar address
private-calendar-new = Make a new address
private-calendar-forget = Stop the address
my-actions = My actions
my-actions-none = You have not taken part in any action yet.
participation-counted = counted
participation-pending = waiting for the other server
participation-accepted = counted there
participation-rejected = refused there
events-elsewhere = On other servers
participation-ignored = not answered there

## Administration
administration = Administration
instance-settings = Instance settings
instance-name = Name of the instance
instance-description = About the co-op (home page and NodeInfo)
signup-policy = Who may sign up
policy-closed = Nobody: administrators create accounts
policy-invitation = People with an invitation link
policy-approval = Anyone, once an administrator approves
policy-open = Anyone
settings-from-file = The configuration file gives the first values; what you save here wins over it.
accounts = Accounts
new-organization = New organization
notes = Notes
new-note = A note to the organization's followers
new-note-help = Plain text; links and line breaks are kept. Mastodon users see it in their timeline.
post-note = Post the note
no-notes = No note yet.
org-settings-of = Settings of @{ $organization }
org-handle = Handle
org-handle-help = People follow the organization as @handle. Letters, digits and underscores; it cannot change later.
org-name = Name
org-summary = About the organization
org-owner = First owner
org-owner-help = The handle of a person with an account here; they can add the others.
create-organization = Create the organization
delete-organization = Delete the organization
delete-organization-help = Its followers are told, and its address answers that it is gone. Delete its campaigns, events and actions first.
delete-campaign = Delete the campaign
delete-campaign-help = Its followers are told, its address answers that it is gone, and its actions and events stay with their organizations.
delete = Delete
settings = Settings
administrator = administrator
disabled = disabled
enable = Enable
disable = Disable
reports = Reports from other servers
reports-none = No open report.
report-title = Report a post
report-why = What is wrong with it?
report-help = Our administrators read it and may forward the report to the post's server, without your name.
report-send = Send the report
report-kept = Thank you: our administrators will look at it.
report = Report
sent-reports = Reports by our people
sent-reports-none = No report waits.
forward-to = Forward to { $host }
set-aside = Set aside
reported-by = reported by @{ $reporter }
resolve = Resolved
blocked-domains = Blocked domains
unblock = Lift the block
domain = Domain
reason = Reason (for the record)
block = Block
delivery-queue = Deliveries to other servers
queue-empty = Nothing waits to be delivered.
pending = Waiting
failing = Failing
dead = Given up
unreachable = unreachable
retry-now = Try the waiting ones now

## Running campaigns
new-campaign = New campaign
edit-campaign = Change the campaign
campaign-handle = The campaign's handle
campaign-handle-help = People follow the campaign as @handle. Letters, digits and underscores; it cannot change later.
campaign-goal = What winning means
campaign-contribute = Add to this campaign
campaign-add-item = An action or event: its address, here or at another co-op
campaign-add-item-help = Paste the link of its page. One of another organization waits for its consent.
campaign-add = Add
campaign-update = A dated update for its followers
campaign-post-update = Post the update
invitations-of = What campaigns ask of @{ $organization }
campaign-invitations = Campaign invitations
cohosting-asked = Invitations to co-host a campaign
items-asked = Campaigns asking to include your events and actions
nothing-asked = Nothing asked.
cohosting-yes = co-hosting
cohost-accept = Co-host it
item-included = included
item-accept = Let it include this
item-decline = Decline
event = event
action = action
cohost-invite = Invite an organization to co-host
cohost-invite-help = Its handle here, name@its.server elsewhere, or its address.
cohost-send = Send the invitation
cohosts-waiting = Invited, no answer yet:

## Sign-up by approval or invitation, password resets
signup-approval = An administrator approves new accounts: you can sign in once they have.
signup-waiting = Your account is made. It works once an administrator approves it.
new-password = A new password
set-password = Set my new password
link-gone = This link does not work any more: ask an administrator for a new one.
approve = Approve
awaiting-approval = waits for approval
invitation-link = Make an invitation link
reset-link = Password reset link
link-made = Hand over this link yourself (it works once): { $link }
api-tokens = API tokens
token-once = Your new token, shown this once (copy it now):
token-made = made { $at }
revoke = Revoke
make-token = Make a new token

## Search
search = Search
search-words = Words
search-place = Place
search-from = Events from
search-to = Events until
nothing-found = Nothing found.
rsvp-going = going
rsvp-maybe = maybe
rsvp-declined = not going
rsvp-pending = asks to join
rsvp-rejected = refused
refuse = Refuse

## What services say when they refuse (web/messages.rs)
problem-empty = This must not be empty.
problem-passwords-differ = The two passwords differ.
problem-password-short = The password must have at least { $value } characters.
problem-password-long = The password may have at most { $value } characters.
problem-handle-empty = A handle must not be empty.
problem-handle-long = A handle may have at most { $value } characters.
problem-handle-letters = A handle may contain only letters a-z, digits and _ (found { $value }).
problem-handle-reserved = The handle “{ $value }” is reserved for the instance.
problem-handle-taken = The handle “{ $value }” is already taken.
problem-too-long = This may have at most { $value } characters.
problem-length = Write 1 to { $value } characters.
problem-sign-in-wrong = The handle or the password is wrong.
problem-sign-in-too-many = Too many attempts to sign in; try again in { $value } seconds.
problem-awaiting-approval = Your account waits for an administrator's approval.
problem-disabled = This account is disabled; ask an administrator.
problem-type-address = Type your address, like you@your.server.
problem-server-silent = { $value } did not answer: check the address.
problem-unknown-account = { $value } does not know this account: check the address.
problem-managers-only = Only owners and admins of “{ $value }” may do this.
problem-admins-only = Only the instance's administrators may do this.
problem-already-hosts = “{ $value }” already hosts the campaign.
problem-report-unknown = Only posts that reached this server can be reported.

## Error pages
error-400 = Bad request
error-401 = Not signed in
error-403 = Not allowed
error-404 = Not found
error-409 = Conflict
error-410 = Gone
error-413 = Too large
error-422 = Cannot be done
error-429 = Too many requests
error-500 = Something went wrong here
error-502 = Another server did not answer well
error-503 = Not available now
registry-title = The network's membership registry
registry-intro = Who is a member of the network: platform co-ops, their member organizations and individuals. Every change is an entry of the public log.
registry-apply = Apply as an individual
registry-log = The log
registry-active-members = Active members
registry-growth = Active members at the end of each month
registry-month = Month
registry-no-members = No active member yet.
registry-since = since
registry-apply-title = Apply to join the network
registry-apply-intro = Anyone with a fediverse account, Mastodon included, may apply. Type your address; then confirm from that account.
registry-apply-address = Your fediverse address
registry-apply-help = For example name@mastodon.social
registry-apply-send = Apply
registry-apply-follow = { $days ->
    [one] To confirm that it is you, follow this account within a day:
   *[other] To confirm that it is you, follow this account within { $days } days:
}
registry-apply-from = from your account { $address }.
registry-apply-after = Your application enters the log when the follow arrives, and the registry's administrators then decide. If you already follow it, unfollow it and follow it again.
network-member = Member of the network

# Votes of the network (/my/votes)
my-votes = My votes
my-votes-intro = The network's proposals put to you, as a member or as the representative of a member organization. You may change your vote until it closes; the registry counts the last ballot it received.
my-votes-none = No proposal has been put to you yet.
vote-from = Put by { $registry }
vote-open-until = open until { $when }
vote-not-open = not open
vote-closed = closed
vote-you-voted = you voted
vote-secret = Secret ballot: the registry keeps your choice apart from your name.
vote-cast-at = Your ballot was sent on { $when }.
vote-cast-secret = Your choice is not kept here; vote again to change it.
vote-choose = Choose one option
vote-pick = Choose one or more options
vote-rank = Rank the options you support: 1 for your first choice; leave the others blank
vote-send = Vote
vote-change = Change my vote
vote-results = Results
vote-option = Option
vote-members = Members
vote-roll-hash = Roll SHA-256: { $hash }
vote-question = The proposal on the registry

# A proposal's page on the registry (/registry/proposals/ID)
proposal-kind = Kind
proposal-kind-single = One choice
proposal-kind-multiple = Several choices
proposal-kind-consent = Consent (agree, abstain, disagree, block)
proposal-kind-ranked = Ranking
proposal-secret = secret ballot
proposal-options = Options
proposal-open = Open
proposal-roll = Roll
proposal-record-date = members at { $when }
proposal-weight = Weight
proposal-turnout = Members who voted: { $counts }
proposal-how = How to vote
proposal-how-solidarity = Members vote from their Solidarity instance, on its "My votes" page, and may change their vote until it closes.
proposal-how-poll = From Mastodon or another fediverse server, answer the poll the registry sent you: your choice is then visible to your server and ours.
proposal-outcome-chosen = Chosen: { $option }
proposal-outcome-tie = A tie: nothing is chosen
proposal-outcome-no_quorum = The quorum was not reached: nothing is decided
proposal-outcome-no_majority = No option reached the majority asked
proposal-outcome-passed = Passed by consent
proposal-outcome-blocked = Blocked
proposal-outcome-not_agreed = Not agreed: no more weight agreed than disagreed
registry-proposals = Decisions
registry-no-proposals = No decision has been put to the members yet.

# The registry's administration page (/admin/registry)
registry-admin = The network's registry
registry-admin-intro = Every decision here goes into the registry's published log, with its reason.
registry-admin-applications = Applications
registry-admin-no-applications = No application waits for a decision.
registry-admin-reason = Reason (published)
registry-admin-approve = Approve
registry-admin-reject = Reject
registry-admin-members = Members
registry-admin-suspend = Suspend
registry-admin-restore = Restore
registry-admin-remove = Remove
registry-admin-propose = Put a decision to the members
registry-admin-question = Question
registry-admin-text = Text (paragraphs separated by a blank line)
registry-admin-options = Options
registry-admin-options-help = One per line; a consent vote's are fixed.
registry-admin-rule = Passing rule
registry-admin-rule-majority = Majority of the weight cast
registry-admin-rule-plurality = Most weight
registry-admin-rule-two_thirds = Two thirds of the weight cast
registry-admin-rule-consent = Consent (no block, more agree than disagree)
registry-admin-quorum = Quorum (percent of the roll's weight)
registry-admin-closes = Closes (UTC)
registry-admin-secret = Secret ballot (votes from Solidarity instances only)
registry-admin-open = Open the vote
registry-status-active = active
registry-status-suspended = suspended
registry-admin-close = Close now
