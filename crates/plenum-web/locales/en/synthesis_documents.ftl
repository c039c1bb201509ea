# The documents a plenum issues: the synthesis report, the resolution and the
# conclusion notice (exports/synthesis.rs), and the office's page that edits them.

exp-issuer-code = TU
exp-syn-synthesis-report-type = REPORT
exp-syn-resolution-type = RESOLUTION
exp-syn-conclusion-type = NOTICE OF CONCLUSIONS
exp-file-synthesis-report = Report on the opinions taken in and explained - Plenum { $ordinal }
exp-file-resolution = Resolution - Plenum { $ordinal }
exp-file-conclusion = Notice of conclusions - Plenum { $ordinal }

exp-syn-synthesis-report-title = The opinions discussed at { $plenum }: taken in and explained
exp-syn-resolution-title = { $plenum }
exp-syn-conclusion-title = { $plenum }

exp-syn-synthesis-report-opening = At { $plenum }, from { $from } to { $to }, the members of the Executive Committee and the delegates discussed the items put before the plenum. The Standing Committee reports how their opinions were taken in and explained, as follows.
exp-syn-resolution-opening = { $plenum } met from { $from } to { $to }, at { $place }.
exp-syn-resolution-discussed = I. THE PLENUM DISCUSSED AND GAVE ITS OPINIONS ON
exp-syn-resolution-decides = II. THE PLENUM RESOLVES
exp-syn-resolution-decide-1 = 1. To adopt the items put before it; the Standing Committee is to have the presenting bodies take in the opinions discussed, finish the documents and issue them as the rules require.
exp-syn-resolution-decide-2 = 2. The committees, Party organizations, agencies and units are to study and carry out this Resolution; the Office follows up and reports on it regularly.
exp-syn-conclusion-opening = { $plenum } met from { $from } to { $to }, at { $place }. After its discussion, the plenum concluded as follows:
exp-syn-conclusion-item = { $n }. On { $title }: the plenum broadly agreed with the draft; { $presenter } is to take in the opinions discussed, finish it and put it before the Standing Committee to issue.
exp-syn-conclusion-close = The Office follows up on the carrying out of these conclusions.
exp-syn-presenter-default = the presenting body

exp-syn-synthesis-report-sign-for = FOR THE STANDING COMMITTEE
exp-syn-synthesis-report-sign-title = STANDING DEPUTY SECRETARY
exp-syn-resolution-sign-for = FOR THE EXECUTIVE COMMITTEE
exp-syn-resolution-sign-title = SECRETARY
exp-syn-conclusion-sign-for = BY ORDER OF THE STANDING COMMITTEE
exp-syn-conclusion-sign-title = CHIEF OF OFFICE

exp-syn-synthesis-report-recipient-1 = The Central Committee's Secretariat (to report)
exp-syn-synthesis-report-recipient-2 = The members of the Executive Committee
exp-syn-synthesis-report-recipient-3 = The bodies that presented items at the plenum
exp-syn-resolution-recipient-1 = The Politburo and the Secretariat (to report)
exp-syn-resolution-recipient-2 = The Party organizations below
exp-syn-resolution-recipient-3 = The members of the Executive Committee
exp-syn-conclusion-recipient-1 = The members of the Executive Committee
exp-syn-conclusion-recipient-2 = The bodies that presented items at the plenum
exp-syn-conclusion-recipient-3 = The Party organizations below
exp-syn-recipient-file = Office files

exp-syn-overall = The plenum heard { $speeches } speeches with { $opinions } opinions on { $items } items. { $taken } opinions were taken in, { $explained } explained, { $noted } noted and { $out } found out of scope; { $pending } are not answered yet.
exp-syn-item-heading = { $roman }. { $title }
exp-syn-item-count = { $speeches } speeches with { $opinions } opinions. Taken in { $taken }, explained { $explained }, noted { $noted }, out of scope { $out }; { $pending } not answered yet.
exp-syn-item-none = No opinions on this item.
exp-syn-group = Group of opinions
exp-syn-group-names = { $title } ({ $names })
exp-syn-others = Other opinions
exp-syn-passage = , on { $label }
exp-syn-opinion = { $n }. { $name }: { $text }
exp-syn-taken-in = Taken in: { $reply }
exp-syn-change = Changed in { $document } (version { $version }), { $label }: “{ $text }”
exp-syn-explained = Explained: { $reply }
exp-syn-noted = Noted: { $reply }
exp-syn-out-of-scope = Out of scope: { $reply }
exp-syn-pending = No approved answer yet.

issued-synthesis-report = Report on the opinions taken in and explained
issued-resolution = Resolution
issued-conclusion = Notice of conclusions
issued-documents = The plenum's documents
issued-lead = The Office writes the document's text; its first save numbers it from the committee's register.
issued-lead-report = The synthesis of each item (its opinions and their approved answers) follows the opening when it is printed.
issued-number = Number
issued-unnumbered = Not numbered yet: the document is numbered when it is first saved.
issued-draft-note = This is the default text, not saved yet.
issued-fields = The document's text
issued-body-hint = Separate paragraphs with a blank line; a line starting with a roman numeral (I., II.) is a heading, one starting with "1." or "a)" a paragraph.
issued-recipients-hint = One recipient a line.
issued-save = Save the document
issued-stale = Someone else has just saved this document. What you typed is kept; check it and save again.
issued-download = Download
issued-docx = Download as Word
issued-pdf = Download as PDF
doc-label-issued-title = Summary
doc-label-issued-body = Text
doc-label-issued-signer_for = Signing authority
doc-label-issued-signer_title = Signer's title
doc-label-issued-signer_name = Signer's name
doc-label-issued-recipients = Recipients
