// nx release's version actions for Go images: "versionActions": "go-docker/release" in nx.json.
module.exports = require('./dist/release/version-actions');
