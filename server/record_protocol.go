package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cast"
)

// The write protocol of SYNC.md for synced collections:
//   - a create starts at version 1;
//   - an update carries base_version (the version it was based on) and is
//     refused with 409 unless that equals the stored version; it is checked
//     and written in one transaction, so two racing updates cannot both win;
//   - the server sets version = stored + 1 on every path (superusers and the
//     dashboard may omit base_version: their edit is based on what is stored).
// Content checks (forbidden data, credit codes, review rules, reasons for key
// fields) run here too, and every update writes change_log rows.

// noLogFields are bookkeeping, not content: never written to change_log.
var noLogFields = map[string]bool{
	"id": true, "created": true, "updated": true, "version": true, "base_version": true, "last_op": true, "seq": true,
}

func onSyncedCreateRequest(e *core.RecordRequestEvent) error {
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	if !e.HasSuperuserAuth() {
		if v, ok := info.Body["version"]; ok && cast.ToInt(v) != 1 {
			return fieldError("version", "invalid_version", "新记录的版本号必须是 1")
		}
		// Numbers are the server's to give; authors come from the sign-in.
		if _, ok := numberPrefixes[e.Collection.Name]; ok {
			e.Record.Set("number", "")
		}
		if e.Collection.Fields.GetByName("created_by") != nil && e.Auth != nil {
			e.Record.Set("created_by", e.Auth.Id)
		}
	}
	e.Record.Set("version", 1)
	e.Record.Set("base_version", 0)
	if err := checkContent(e, nil); err != nil {
		return err
	}
	return e.Next()
}

func onSyncedUpdateRequest(e *core.RecordRequestEvent) error {
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	superuser := e.HasSuperuserAuth()
	body := info.Body

	return e.App.RunInTransaction(func(txApp core.App) error {
		e.App = txApp // the save below joins this transaction

		// Read the stored version inside the transaction: PocketBase has one
		// writer connection, so nobody can change it before we write.
		var stored int
		err := txApp.NonconcurrentDB().
			NewQuery(fmt.Sprintf("SELECT [[version]] FROM {{%s}} WHERE [[id]] = {:id}", e.Collection.Name)).
			Bind(dbx.Params{"id": e.Record.Id}).Row(&stored)
		if err != nil {
			return apis.NewNotFoundError("", err)
		}

		base := stored
		if raw, ok := body["base_version"]; ok {
			base = cast.ToInt(raw)
		} else if !superuser {
			return fieldError("base_version", "base_version_required", "修改必须带上所依据的版本号 base_version")
		}
		if base != stored {
			return apis.NewApiError(http.StatusConflict,
				fmt.Sprintf("这条记录已被修改：服务器版本 %d，你的修改基于版本 %d", stored, base),
				map[string]any{"base_version": validation.NewError("version_conflict", fmt.Sprintf("stored version is %d", stored))})
		}
		if raw, ok := body["version"]; ok && cast.ToInt(raw) != stored+1 {
			return fieldError("version", "invalid_version", fmt.Sprintf("版本号应为 %d", stored+1))
		}
		e.Record.Set("base_version", stored)
		e.Record.Set("version", stored+1)
		if !superuser {
			if _, ok := numberPrefixes[e.Collection.Name]; ok {
				e.Record.Set("number", e.Record.Original().GetString("number"))
			}
		}

		changes := diffRecord(e.Record)
		if err := checkContent(e, changes); err != nil {
			return err
		}
		reason := strings.TrimSpace(cast.ToString(body["reason"]))
		if err := requireReason(e.Collection.Name, changes, reason); err != nil {
			return err
		}
		if err := e.Next(); err != nil {
			return err
		}
		return writeChangeLog(txApp, e, changes, reason)
	})
}

// change is one field's old and new value.
type change struct {
	field    string
	old, new any
}

// diffRecord lists the content fields whose value differs from the stored one.
func diffRecord(r *core.Record) []change {
	var out []change
	orig := r.Original()
	for _, f := range r.Collection().Fields {
		name := f.GetName()
		if noLogFields[name] || f.GetHidden() {
			continue
		}
		oldV, newV := orig.Get(name), r.Get(name)
		a, _ := json.Marshal(oldV)
		b, _ := json.Marshal(newV)
		if string(a) != string(b) {
			out = append(out, change{field: name, old: oldV, new: newV})
		}
	}
	return out
}

// requireReason refuses a change of a non-empty key field without a reason.
func requireReason(collection string, changes []change, reason string) error {
	if reason != "" {
		return nil
	}
	for _, key := range keyFields[collection] {
		for _, c := range changes {
			if c.field == key && cast.ToString(c.old) != "" {
				return fieldError(key, "reason_required", "修改关键字段（名称、信用代码、法定代表人、地址、电话、邮箱）需要填写原因")
			}
		}
	}
	return nil
}

// checkContent refuses forbidden data and invalid codes, and applies the review
// rules. changes is nil for a create (every field is checked then).
func checkContent(e *core.RecordRequestEvent, changes []change) error {
	r := e.Record
	changed := func(name string) bool {
		if changes == nil {
			return true
		}
		for _, c := range changes {
			if c.field == name {
				return true
			}
		}
		return false
	}

	for _, f := range r.Collection().Fields {
		name := f.GetName()
		if !changed(name) {
			continue
		}
		var text string
		switch f.Type() {
		case core.FieldTypeText, core.FieldTypeEditor:
			text = r.GetString(name)
		case core.FieldTypeJSON:
			raw, _ := json.Marshal(r.Get(name))
			text = string(raw)
		default:
			continue
		}
		if kind, found := findForbidden(text); found {
			msg := "不得保存身份证号码"
			if kind == kindBankCard {
				msg = "不得保存银行卡号"
			}
			return fieldError(name, string(kind), msg+"（客户授权的除外，请勿写入自由文本）")
		}
	}

	if r.Collection().Name == "customers" {
		if code := r.GetString("credit_code"); code != "" && changed("credit_code") && !isCreditCode(code) {
			return fieldError("credit_code", "invalid_credit_code", "统一社会信用代码校验位不正确")
		}
		if r.GetString("review_state") == "returned" && strings.TrimSpace(r.GetString("review_note")) == "" {
			return fieldError("review_note", "review_note_required", "退回时必须填写退回原因")
		}
		// A rep changing key facts of an approved archive sends it back to review.
		if changes != nil && e.Auth != nil && e.Auth.GetString("role") == "rep" &&
			r.Original().GetString("review_state") == "approved" {
			for _, key := range approvalKeyFields {
				if changed(key) {
					r.Set("review_state", "submitted")
					break
				}
			}
		}
	}
	return nil
}

// writeChangeLog stores one change_log row per changed field.
func writeChangeLog(app core.App, e *core.RecordRequestEvent, changes []change, reason string) error {
	if len(changes) == 0 {
		return nil
	}
	col, err := app.FindCachedCollectionByNameOrId("change_log")
	if err != nil {
		return err
	}
	actor, label := "", ""
	if e.Auth != nil {
		if e.Auth.IsSuperuser() {
			label = "superuser " + e.Auth.Email()
		} else {
			actor, label = e.Auth.Id, e.Auth.GetString("name")
		}
	}
	for _, c := range changes {
		row := core.NewRecord(col)
		row.Set("collection", e.Collection.Name)
		row.Set("record", e.Record.Id)
		row.Set("field", c.field)
		row.Set("old", c.old)
		row.Set("new", c.new)
		row.Set("reason", reason)
		row.Set("actor", actor)
		row.Set("actor_label", label)
		if err := app.Save(row); err != nil {
			return fmt.Errorf("change_log: %w", err)
		}
	}
	return nil
}

// onRevealRequest records who revealed a masked value; the actor is the caller
// and the target must be a record the caller may view.
func onRevealRequest(e *core.RecordRequestEvent) error {
	if e.Auth == nil {
		return apis.NewForbiddenError("", nil)
	}
	if !e.HasSuperuserAuth() {
		e.Record.Set("actor", e.Auth.Id)
	}
	target, err := e.App.FindRecordById(e.Record.GetString("collection"), e.Record.GetString("record"))
	if err != nil {
		return fieldError("record", "not_found", "要查看的记录不存在")
	}
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	rule := target.Collection().ViewRule
	if ok, _ := e.App.CanAccessRecord(target, info, rule); !ok {
		return fieldError("record", "not_found", "要查看的记录不存在")
	}
	return e.Next()
}

// fieldError is a 400 with a stable code on one field (the client translates
// the code; the Chinese message is for API users and logs).
func fieldError(field, code, message string) error {
	return apis.NewBadRequestError(message, validation.Errors{field: validation.NewError(code, message)})
}
