package broken

import (
	"fmt"
