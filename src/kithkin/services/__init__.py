"""Use cases: each public function does one thing in one transaction, for any front end."""

from kithkin.services.context import Context
from kithkin.services.interactions import (
    complete_follow_up,
    list_follow_ups,
    log_interaction,
    search,
)
from kithkin.services.people import (
    PersonDetail,
    add_person,
    edit_person,
    list_people,
    remove_person,
    show_person,
)

__all__ = [
    "Context",
    "PersonDetail",
    "add_person",
    "complete_follow_up",
    "edit_person",
    "list_follow_ups",
    "list_people",
    "log_interaction",
    "remove_person",
    "search",
    "show_person",
]
