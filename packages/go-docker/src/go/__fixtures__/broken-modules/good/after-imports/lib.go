package afterimports

import "fmt" garbage
