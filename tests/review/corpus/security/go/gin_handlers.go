package api

import (
	"net/http"
	"os/exec"
	"strconv"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Handler struct {
	DB *gorm.DB
}

func (h *Handler) Search(c *gin.Context) {
	q := c.Query("q")
	var items []Item
	h.DB.Raw("SELECT * FROM items WHERE name LIKE '%" + q + "%'").Scan(&items) // wfc-expect: security critical
	c.JSON(http.StatusOK, items)
}

func (h *Handler) Get(c *gin.Context) {
	id, err := strconv.Atoi(c.Param("id"))
	if err != nil {
		c.Status(http.StatusBadRequest)
		return
	}
	var item Item
	h.DB.First(&item, id)
	c.JSON(http.StatusOK, item)
}

func (h *Handler) Archive(c *gin.Context) {
	name := c.PostForm("name")
	out, err := exec.Command("bash", "-c", "tar czf /tmp/"+name+".tgz /data/"+name).CombinedOutput() // wfc-expect: security critical
	if err != nil {
		c.String(http.StatusInternalServerError, string(out))
		return
	}
	c.Status(http.StatusNoContent)
}
