# Reading a delegate list: encoding, separator, files that are not tables.
imp-encoding = The file's encoding: { $encoding }. Check the accented names below before importing.
import-file-not-a-table = This file is not a table (it may be an image, a PDF or another file renamed). Choose a CSV or Excel (.xlsx, .ods) file.
import-file-unclosed-quote = Line { $line } opens a quotation mark (") that is never closed, so the rows after it cannot be told apart. Correct that cell in the file and check it again.

# The delegate's tablet: choosing the passage of a draft an opinion is about.
tab-passage-whole = The item as a whole
tab-passage-hint = Choose a section or paragraph from the list of the item's drafts (latest version); leave "The item as a whole" for a general opinion.
tab-passage-group = Item { $item } · { $document } (version { $version })

# The hall screen (projector).
proj-next-none = Nobody has asked to speak yet.
proj-next-none-after = Nobody else has asked to speak.
proj-next-closed = No more speakers in this session.
proj-fullscreen = Full screen
proj-fullscreen-exit = Exit full screen

# The hall screen's links (projector), made and revoked by the office.
scr-title = Hall screen links
scr-lead = Each link opens the plenum's hall screen (projector) on the computer that drives the projector, without signing in. A link shows this screen only and opens no other page; revoke it when it is no longer used.
scr-new = Make a new link
scr-label = Where the screen is
scr-label-hint = For example: Main hall, 2nd floor; Group 1's room.
scr-make = Make the link
scr-issued = Link for the screen "{ $label }"
scr-once = The link is shown only once. Open it now on the computer that drives the projector, or scan the QR code.
scr-links = Links made
scr-none = No link has been made yet.
scr-made = Made
scr-state = State
scr-revoke = Revoke
scr-revoke-label = Revoke the link of the screen "{ $label }"
scr-revoked-at = Revoked { $at }
scr-revoked-done = The link was revoked. A screen showing it stops.
scr-open = Hall screen links

# The chair's console: the session's settings, folded while the session runs.
chair-settings = Session settings
chair-settings-item = Item { $ordinal }
chair-settings-minutes = { $minutes } min per speaker
