package suffix

// Windows only: the _windows suffix counts before the first dot.
const Windows = true
