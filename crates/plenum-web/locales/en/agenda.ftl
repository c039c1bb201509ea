# The office's agenda: editing, moving and removing items; the programme's half-days.
agenda-edit-hint = Use the ↑ ↓ buttons to change the order; the items are renumbered in the new order. Choose "Edit" to edit or remove an item.
agenda-col-ordinal = No.
agenda-col-slot = Sitting
agenda-col-actions = Actions
agenda-move-up = Move up
agenda-move-down = Move down
agenda-edit = Edit
agenda-unplaced = Not yet placed
agenda-edit-title = Edit item
agenda-edit-fields = The item's details
agenda-edit-save = Save changes
agenda-edit-cancel = Back to the agenda
agenda-edit-stale = Someone else changed this item just before you, so your changes were not saved. Below are the latest details with what you typed; please check them and save again.
agenda-move-stale = Someone else changed the agenda, so the item was not moved. Please check the current order and try again if still needed.
agenda-move-invalid = The place to move to is not valid.
agenda-remove-title = Remove the item from the agenda
agenda-remove-hint = Only an item without opinions, documents, speeches or requests to speak can be removed. The items after it are renumbered.
agenda-remove-submit = Remove this item
agenda-remove-refused = This item cannot be removed: { $uses } are filed under it. That record must stay in the plenum's files.
agenda-remove-stale = Someone else changed this item, so it was not removed. Please check the latest details and try again if still needed.
agenda-use-opinions = { $n ->
    [one] 1 opinion
   *[other] { $n } opinions
}
agenda-use-documents = { $n ->
    [one] 1 document
   *[other] { $n } documents
}
agenda-use-speeches = { $n ->
    [one] 1 speech
   *[other] { $n } speeches
}
agenda-use-speaker-entries = { $n ->
    [one] 1 request to speak
   *[other] { $n } requests to speak
}
agenda-use-sessions = { $n ->
    [one] 1 sitting discussing it now
   *[other] { $n } sittings discussing it now
}
agenda-programme = Sittings
agenda-programme-hint = Each sitting (the morning or afternoon of a day) has a start time and a venue: the plenary hall or the discussion groups. Place items in a sitting when adding or editing them.
agenda-programme-empty = No sittings yet.
agenda-part-morning = Morning
agenda-part-afternoon = Afternoon
agenda-venue-hall = Plenary hall
agenda-venue-groups = Group discussion
agenda-slot-label = { $part } { $day }, { $time } · { $venue }
agenda-slot-items = { $n ->
    [one] 1 item
   *[other] { $n } items
}
agenda-slot-add = Add a sitting
agenda-slot-add-submit = Add sitting
agenda-slot-remove = Remove sitting
agenda-slot-taken = Sitting: the programme already has it on that day.
agenda-slot-in-use = This sitting cannot be removed: items are placed in it. Move them to another sitting first.
agenda-slot-stale = Someone else changed this sitting. Please check and try again if still needed.
doc-label-item-slot_id = Sitting
doc-label-slot-day = Day
doc-label-slot-part = Part of the day
doc-label-slot-starts_at = Start time
doc-label-slot-venue = Venue
field-not-a-number = must be a number (for example 3)
field-invalid-time = is not a valid time (HH:MM, for example 08:00)
field-time-outside-part = does not fit the part of the day: a morning starts from 06:00 to before 12:00, an afternoon from 12:00 to 18:00
field-outside-plenum = is outside the plenum's days
error-item-in-use = This item cannot be removed: opinions, documents, speeches or requests to speak are filed under it.
error-slot-in-use = This sitting cannot be removed: items are placed in it.
