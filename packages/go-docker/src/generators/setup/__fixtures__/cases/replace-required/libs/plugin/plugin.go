package plugin

// Name names the plugin.
const Name = "plugin"
