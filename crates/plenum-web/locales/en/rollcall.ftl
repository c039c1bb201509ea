# The roll call of a long list: search, filter, mark all present.
roll-search-label = Find a delegate in the roll call
roll-search = Search by name or unit
roll-search-hint = For example: Nhung, Finance Department
roll-status = Status
roll-status-all = All
roll-filter = Filter
roll-shown = Showing { $shown } of { $all } delegates.
roll-none = No delegate matches the search.
roll-all-present = Mark all present ({ $count } not yet called)
roll-marked = { $count } delegates marked present.

# Sittings: the morning and afternoon of each day of the plenum.
sitting-label = { $half ->
    [morning] Morning
   *[afternoon] Afternoon
}, { $day }
sitting-current = Roll call for: { $label } (sitting { $number } of { $all })
sitting-summary = Roll call by sitting
sitting-name = Sitting
sitting-members-in = Members present
sitting-choose = Move the roll call to sitting
sitting-open = Change sitting
sitting-opened = The roll call has moved to another sitting; the list below is that sitting's.

# The tablet sign-in codes of every delegate, printed at once.
codes-print = Print tablet sign-in codes (PDF)
codes-title = Tablet sign-in codes — { $plenum }
codes-hint = Each delegate scans their own code with a tablet to sign in. Each code works once; printing again replaces the codes not yet used.
codes-without = Delegates given no code
codes-signed-in = The delegate's tablet is already signed in; no new code, so the session in use is left alone.
codes-other-role = The delegate's account holds another role (chair, secretary…); they sign in with their own account.
