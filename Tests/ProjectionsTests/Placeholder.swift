// The tests of this target arrive with the module they test.
