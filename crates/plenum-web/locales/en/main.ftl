app-name = Plenum — Committee plenums
skip-to-content = Skip to main content
nav-label = Main navigation
nav-plenums = Plenums
nav-organizations = Organizations
nav-users = Accounts
nav-history = History
switch-language = Tiếng Việt
logout = Sign out
logout-everywhere = Sign out everywhere
footer-text = Plenum — prepares and conducts a committee's plenum.
save = Save

login-title = Sign in
login-lead = Sign in with the account the office gave you.
login-submit = Sign in

error-title = That did not work
back-home = Back to the start page

home-title = Plenums
home-signed-in-as = Signed in as
home-no-plenums = There is no plenum you may see yet.

live-offline = Live updates not connected
live-online = Live updates on

plenum-agenda = Items before the plenum
plenum-groups = Discussion groups
plenum-committee = Executive committee
group-name = Group
group-leader = Leader
group-secretary = Secretary
group-size = Members
committee-members-count = Committee members
committee-standing-count = Standing committee members
committee-standing = Standing committee
item-title = Item
item-kind = Kind
item-presenter = Presented by

kind-report = Report
kind-draft = Draft
kind-plan = Plan
kind-programme = Action programme
kind-personnel = Personnel
kind-other = Other

orgs-title = Party organizations
orgs-new = Add an organization
orgs-no-parent = (top level)
org-no-committees = This organization has no committee yet.
level-central = Central
level-city = City / province
level-district = District
level-grassroots = Grassroots

history-title = History
history-time = Time
history-actor = By
history-action = Action
history-hash = Hash
history-older = Older entries
history-intact = The history chain is intact: { $count } entries, every hash matches.
history-broken = The history chain is broken at entry { $seq }: { $detail }

users-title = Accounts and roles
users-roles = Roles
users-new = Create an account
users-state = State
users-disabled = Disabled
users-username-taken = Username: another account already uses this name. Please choose another.
users-disable = Disable
scope-all = Everywhere

role-admin = Administrator
role-secretary = Office (secretary)
role-chair = Chair
role-delegate = Delegate (member)
role-guest = Invited guest
role-group_secretary = Group secretary
role-task_officer = Task officer
role-auditor = Auditor

label-username = Username
label-password = Password
label-display_name = Display name
label-name = Name
label-short_name = Short name
label-level = Level
label-parent_id = Under
label-term = Term
label-term_label = Term label
label-starts_on = Starts on
label-ends_on = Ends on
label-place = Place
label-title = Title
label-ordinal = Number
label-kind = Kind
label-presenter = Presented by
label-committee_id = Committee
label-full_name = Full name
label-unit = Unit
label-role = Role
label-scope = Scope
label-reference = Reference

error-unauthorized = You need to sign in.
error-bad-credentials = Wrong username or password.
error-forbidden = You may not do this.
error-not-found = Not found.
error-invalid-input = Some fields are not valid; see the marked fields.
error-too-many-attempts = Too many failed sign-ins. Try again in a few minutes.
error-busy = The server is busy. Try again in a moment.
error-too-many-streams = Too many live views are open. Close one and try again.
error-too-many-connections = Too many connections from your address. Try again in a moment.
error-internal = Something went wrong on the server. Nothing saved was lost; please try again.
error-duplicate = A record like this already exists (the name or number is taken).
error-check = The value is not one of the allowed choices.
error-csrf = The form's session has expired. Reload the page and send it again.
error-body-too-large = What you sent is too large.
error-not-empty = The database already holds data; a backup restores only into an empty one.
error-bad-json = The request body is not valid JSON.
error-bad-request = The request is not valid: check the numbers in its address, its query and its JSON body.
error-method-not-allowed = This address does not take that method.
error-unsupported-media-type = The body's type is not the one expected; send JSON with "Content-Type: application/json".
error-bad-json-shape = The JSON body does not have the expected fields and types.
error-request-timeout = The request took too long to arrive.
error-too-many-requests = Too many requests. Please wait a little and try again.
error-unavailable = The server is busy. Please try again in a moment.

field-required = is required
field-too-long = is too long
field-too-short = is too short (at least 8 characters)
field-invalid-characters = contains characters that are not allowed
field-invalid-date = is not a valid date (YYYY-MM-DD)
field-username-chars = may only use unaccented letters, digits and . _ -
field-invalid-choice = is not a valid choice
field-level-order = must be a lower level than the organization above it
field-not-found = does not exist
field-page-size = must be between 1 and 1000
field-out-of-range = is out of range (1–999)
field-before-start = is before the start date

stats-hall = Plenary hall
plenum-work = Working with this plenum
work-documents = Documents
work-delegates = Delegates and check-in
work-chair = Chair's console
work-desk = Secretary's desk
work-tablet = Delegate's tablet
work-projector = Projector
work-statistics = Discussion statistics
field-passage-not-found = is not a passage of the selected item's drafts
label-passage_anchor = Passage
# How long something lasted; the parts are joined with spaces ("4 minutes 30 seconds").
length-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
length-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
length-seconds = { $n ->
    [one] { $n } second
   *[other] { $n } seconds
}
pasted-title = The pasted text seems to be typed in a legacy encoding.
pasted-from-tcvn3 = (TCVN3 – ABC, .VnTime fonts)
pasted-from-vni = (VNI, VNI-Times fonts)
pasted-preview = Preview of the text converted to Unicode:
pasted-convert = Convert to Unicode and save
pasted-keep = Keep as typed
field-legacy-tcvn3 = seems typed in the TCVN3 encoding; please check the conversion and choose
field-legacy-vni = seems typed in the VNI encoding; please check the conversion and choose
