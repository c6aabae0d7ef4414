package workorder

import (
	"strings"

	"govdesk/internal/app"
)

// Registry is what a new order may name (SPEC §4.3): the registered towns and streets
// (镇街) with their villages and communities (村居), and the complaint categories
// (诉求分类). Interactive creation is strict: a name not in the registry is refused
// with the nearest registered names offered. Imports of history (SPEC §4.5) create the
// regions and categories they name instead; that is the import's own path.
type Registry struct {
	Towns      []Town
	Categories []CategoryRef // in path order
}

// Town is a registered town or street with its villages.
type Town struct {
	ID       int64
	Name     string
	Villages []Place
}

// Place is a registered village or community.
type Place struct {
	ID   int64
	Name string
}

// CategoryRef is a registered category; Path joins the names from the root with "/".
type CategoryRef struct {
	ID     int64
	Path   string
	Active bool
}

// maxNearest is how many registered names a refusal offers.
const maxNearest = 3

// town returns the registered town of the name.
func (r Registry) town(name string) (Town, bool) {
	for _, t := range r.Towns {
		if t.Name == name {
			return t, true
		}
	}
	return Town{}, false
}

// HasTown reports whether the town is registered.
func (r Registry) HasTown(name string) bool {
	_, ok := r.town(name)
	return ok
}

// HasVillage reports whether the village is registered in the town.
func (r Registry) HasVillage(town, village string) bool {
	t, _ := r.town(town)
	for _, v := range t.Villages {
		if v.Name == village {
			return true
		}
	}
	return false
}

// ResolveRegion returns the ids of a registered town and, when village is not empty,
// of a village of that town. Names are compared exactly after trimming spaces; any
// other name is invalid with the nearest registered names offered.
func (r Registry) ResolveRegion(town, village string) (townID, villageID int64, err error) {
	town, village = strings.TrimSpace(town), strings.TrimSpace(village)
	if town == "" {
		if village != "" {
			return 0, 0, app.Invalid("填写所属村居“%s”时请同时选择所属镇街", village)
		}
		return 0, 0, nil
	}
	t, ok := r.town(town)
	if !ok {
		names := make([]string, len(r.Towns))
		for i, t := range r.Towns {
			names[i] = t.Name
		}
		return 0, 0, app.Invalid("%s", refusal("所属镇街“"+town+"”不在行政区划中", names, nearestPlace(town, names)))
	}
	if village == "" {
		return t.ID, 0, nil
	}
	names := make([]string, len(t.Villages))
	for i, v := range t.Villages {
		if v.Name == village {
			return t.ID, v.ID, nil
		}
		names[i] = v.Name
	}
	msg := "所属村居“" + village + "”不是" + town + "的村居"
	var elsewhere []string
	for _, o := range r.Towns {
		for _, v := range o.Villages {
			if v.Name == village && o.Name != town {
				elsewhere = append(elsewhere, o.Name)
			}
		}
	}
	if len(elsewhere) > 0 {
		msg += "（它属于" + strings.Join(elsewhere, "、") + "）"
	}
	return 0, 0, app.Invalid("%s", refusal(msg, names, nearestPlace(village, names)))
}

// ResolveCategory returns the id of a registered, active category and its normalised
// path (parts separated by / ／ > or ›). Any other path is invalid with the nearest
// registered paths offered.
func (r Registry) ResolveCategory(path string) (int64, string, error) {
	path = CategoryPath(strings.TrimSpace(path))
	if path == "" {
		return 0, "", nil
	}
	var paths []string
	for _, c := range r.Categories {
		if c.Path == path {
			if !c.Active {
				return 0, "", app.Invalid("诉求分类“%s”已停用，请选择其他分类", path)
			}
			return c.ID, path, nil
		}
		if c.Active {
			paths = append(paths, c.Path)
		}
	}
	return 0, "", app.Invalid("%s", refusal("诉求分类“"+path+"”不在分类目录中", paths, nearestCategory(path, paths)))
}

// refusal finishes a message about a name not in the registry.
func refusal(msg string, registered, near []string) string {
	switch {
	case len(registered) == 0:
		return msg + "，目录中尚无可选项，请联系系统管理员导入"
	case len(near) == 0:
		return msg + "，请从列表中选择"
	}
	return msg + "，您是否要找：" + strings.Join(near, "、")
}
