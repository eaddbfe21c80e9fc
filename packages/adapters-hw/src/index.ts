/** Filled in by its own issue; nothing is exported yet. */
export {};
