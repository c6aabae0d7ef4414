package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// upload posts a file as multipart form field "file".
func upload(t *testing.T, url, token, name string, data []byte) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", url, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestAPI_OrderAttachments(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		tok := tokens(t, db, "operator", "leader")
		r := call(t, http.DefaultClient, "POST", base+"/api/v1/orders", tok["operator"],
			`{"type":"投诉","content":"小区门口路面塌陷","citizen_phone":"13900139000","town":"乐城街道"}`, nil)
		if r.Status != 201 {
			t.Fatalf("create: %+v", r)
		}
		id := fmt.Sprint(r.Body["id"])
		png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1}, 64)...)
		status, at := upload(t, base+"/api/v1/orders/"+id+"/attachments", tok["operator"], "路面照片.png", png)
		if status != 201 || at["name"] != "路面照片.png" || at["content_type"] != "image/png" || at["size"].(float64) != float64(len(png)) {
			t.Fatalf("upload: %d %v", status, at)
		}
		status, bad := upload(t, base+"/api/v1/orders/"+id+"/attachments", tok["operator"], "假照片.png", []byte("#!/bin/sh\nrm -rf /\n"))
		if e, _ := bad["error"].(map[string]any); status != 400 || !strings.Contains(fmt.Sprint(e["message"]), "扩展名") {
			t.Fatalf("disguised file: %d %v", status, bad)
		}
		if status, _ := upload(t, base+"/api/v1/orders/"+id+"/attachments", tok["leader"], "x.png", png); status != 403 {
			t.Fatalf("leader upload: %d, want 403", status)
		}
		list := call(t, http.DefaultClient, "GET", base+"/api/v1/orders/"+id+"/attachments", tok["leader"], "", nil)
		files, _ := list.Body["attachments"].([]any)
		if list.Status != 200 || len(files) != 1 {
			t.Fatalf("list: %+v", list)
		}
		req, _ := http.NewRequest("GET", base+fmt.Sprint(files[0].(map[string]any)["url"]), nil)
		req.Header.Set("Authorization", "Bearer "+tok["leader"])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Equal(got, png) || resp.Header.Get("Content-Type") != "image/png" ||
			!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("download: %d %v", resp.StatusCode, resp.Header)
		}
	})
}

func TestBrowser_OrderAttachment(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := newBrowser(t)
		loginAs(t, ctx, base, "operator")
		order := createOrder(t, ctx, base, "西门菜场污水外溢", "13800138111")
		file := filepath.Join(t.TempDir(), "现场情况说明.txt")
		os.WriteFile(file, []byte("现场污水外溢约二十米，已拍照留存。"), 0o644)
		msg := submit(t, ctx, order, "form-attach", chromedp.SetUploadFiles(chromedp.CSS(`#form-attach input[type=file]`), []string{file}))
		wantContains(t, "upload flash", msg, "附件已上传", "现场情况说明.txt")
		wantContains(t, "attachment list", textOf(t, ctx, chromedp.ID("attachment-list")), "现场情况说明.txt", "话务员小李") // the uploader by name, not login
		wantContains(t, "fields", textOf(t, ctx, chromedp.ID("order-fields")), "1 个")

		bad := filepath.Join(t.TempDir(), "photo.jpg")
		os.WriteFile(bad, []byte("not a photo"), 0o644)
		msg = submit(t, ctx, order, "form-attach", chromedp.SetUploadFiles(chromedp.CSS(`#form-attach input[type=file]`), []string{bad}))
		wantContains(t, "disguised upload flash", msg, "内容与扩展名")
	})
}
