"""Pure configuration generation: procedures, validated values, CLI plans and diffs."""
