package dedup

// The stories of fingerprint_test.go, for the tests of package dedup_test
// (which clean them with package article first).
var (
	DupStory  = dupStory
	DupEdited = dupEdited
	DupOther  = dupOther
)
