"""access.list: the organisation's access list imported from the exports users already have."""
