package main

import (
	"net/http"
	"path/filepath"

	"github.com/gin-gonic/gin"
)

func readInput(c *gin.Context) string {
	return c.Query("name")
}

func download(c *gin.Context) {
	name := readInput(c)
	c.File("/srv/files/" + name) // wfc-expect: security high
}

func downloadSafe(c *gin.Context) {
	name := filepath.Base(readInput(c))
	c.File(filepath.Join("/srv/files", name))
}

func back(c *gin.Context) {
	c.Redirect(http.StatusFound, c.Query("next")) // wfc-expect: security medium
}

func home(c *gin.Context) {
	c.Redirect(http.StatusFound, "/home")
}
