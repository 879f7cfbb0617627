package greeting

import _ "example.com/apps/worker/testonly" // windows-only files are not part of a linux image
