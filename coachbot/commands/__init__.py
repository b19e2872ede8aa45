"""Sub-commands of the ``coachbot`` CLI; each module has ``add_parser`` and ``run``."""
