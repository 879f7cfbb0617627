package hidden

// Visible is the only declaration go/build sees.
const Visible = true
