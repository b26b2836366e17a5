"""Config section models by top-level key; each value is "module:Class" (a pydantic model)."""

SECTION_MODELS: dict[str, str] = {
}
