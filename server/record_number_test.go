package main

import (
	"testing"
	"time"
)

func TestFormatNumber(t *testing.T) {
	// 2024-05-31 20:00 UTC is already June in China.
	at := time.Date(2024, 5, 31, 20, 0, 0, 0, time.UTC)
	cases := map[int]string{1: "CUS202406001", 42: "CUS202406042", 1234: "CUS2024061234"}
	for seq, want := range cases {
		if got := formatNumber("CUS", at, seq); got != want {
			t.Errorf("formatNumber(%d) = %s, want %s", seq, got, want)
		}
	}
}
