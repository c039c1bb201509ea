# Downloads: the attendance list and roll-call result, the discussion statistics, the opinion record.
exp-downloads = Downloads
exp-attendance-xlsx = Attendance list (Excel)
exp-attendance-pdf = Attendance list (PDF)
exp-statistics-xlsx = Discussion statistics (Excel)
exp-statistics-docx = Statistics report (Word)
exp-records-xlsx = Opinion record (Excel)

exp-file-attendance = Attendance - Plenum { $ordinal }
exp-file-statistics = Discussion statistics - Plenum { $ordinal }
exp-file-records = Opinions - Plenum { $ordinal }

exp-sheet-attendance = Attendance list
exp-sheet-result = Roll-call result
exp-sheet-by-item = By item
exp-sheet-by-group = By group
exp-sheet-by-delegate = By delegate
exp-sheet-opinions = Opinions

exp-col-number = No.
exp-col-name = Full name
exp-col-title = Position
exp-col-unit = Unit
exp-col-group = Discussion group
exp-col-reason = Reason
exp-col-item = Item
exp-col-figure = Figure
exp-col-count = Count

exp-result-members = Committee members summoned
exp-result-present = Members present
exp-result-late = Of whom late
exp-result-absent = Members absent
exp-result-left = Members who left early
exp-result-expected = Members not yet checked in
exp-result-guests = Guests summoned
exp-result-guests-present = Guests present
exp-result-needed = Members needed to pass a resolution (more than half of all)
exp-result-required = Members required present by the rule ({ $num }/{ $den })

exp-attendance-type = LIST
exp-attendance-summary = Delegates attending the { $plenum }
exp-statistics-type = REPORT
exp-statistics-summary = Statistics of the discussion at the { $plenum }
exp-statistics-lead = The plenum heard { $summary }. The figures below are compiled from the record of speeches and opinions.
exp-issuer = EXECUTIVE COMMITTEE
exp-sign-for = FOR THE STANDING COMMITTEE
exp-sign-title = CHIEF OF OFFICE
exp-recipients = Recipients
exp-recipient-standing = The Standing Committee (to report)
exp-recipient-file = Office files

exp-agenda-pdf = Print the programme (PDF)
exp-agenda-docx = Print the programme (Word)
exp-file-agenda = Programme - Plenum { $ordinal }
exp-agenda-type = PROGRAMME
exp-agenda-dates = Dates
exp-agenda-place = Place
exp-agenda-col-when = Sitting
exp-agenda-col-presenter = Presented by
exp-agenda-recipient-delegates = The delegates to the plenum

exp-summons-pdf = Summons letters (PDF)
exp-summons-docx = Summons letters (Word)
exp-file-summons = Summons - Plenum { $ordinal }
exp-summons-type = SUMMONS
exp-invite-type = INVITATION
exp-summons-summary = To the { $plenum }
exp-summons-lead = The Standing Committee summons:
exp-invite-lead = The Standing Committee cordially invites:
exp-summons-to = Comrade
exp-summons-attend = To attend the { $plenum }.
exp-summons-opens-at = Opening at { $time } on { $day },
exp-summons-opens-on = Opening on { $day },
exp-summons-until = closing on { $day }.
exp-summons-content = Agenda
exp-summons-items = { $count } items, in the enclosed programme.
exp-summons-close = Please attend the whole plenum, on time.
exp-invite-close = We look forward to welcoming you.
exp-summons-sign-for = ON BEHALF OF THE STANDING COMMITTEE
exp-summons-sign-title = STANDING DEPUTY SECRETARY
exp-summons-recipient-self = As above
