package main

// A PropertyCollector that behaves like vCenter's where vcsim 0.24 does not: results are cut
// into pages (with a token, ContinueRetrievePropertiesEx and CancelRetrievePropertiesEx), and
// a call without a session is refused with a NotAuthenticated fault.

import (
	"crypto/rand"
	"encoding/hex"
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// pageSize is the server-side page limit (--page-size). It is package state because vcsim
// creates each session's collector with reflect.New, so instance fields start out zero.
var pageSize = 100

// pagingCollector must keep simulator.PropertyCollector as its first field: vcsim finds the
// managed-object data of a wrapper through its first embedded field.
type pagingCollector struct {
	simulator.PropertyCollector

	mu      sync.Mutex
	pending map[string]*pendingResult
}

type pendingResult struct {
	objects []types.ObjectContent
	limit   int
}

func notAuthenticated(this types.ManagedObjectReference) *soap.Fault {
	return simulator.Fault("", &types.NotAuthenticated{
		NoPermission: types.NoPermission{Object: this, PrivilegeId: "System.View"},
	})
}

func newToken() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// page keeps the first limit objects in res and parks the rest under a fresh token.
func (pc *pagingCollector) page(res *types.RetrieveResult, limit int) {
	if len(res.Objects) <= limit {
		res.Token = ""
		return
	}
	token := newToken()
	pc.mu.Lock()
	if pc.pending == nil {
		pc.pending = map[string]*pendingResult{}
	}
	pc.pending[token] = &pendingResult{objects: res.Objects[limit:], limit: limit}
	pc.mu.Unlock()
	res.Objects = res.Objects[:limit]
	res.Token = token
}

func (pc *pagingCollector) take(token string) (*pendingResult, bool) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	p, ok := pc.pending[token]
	if ok {
		delete(pc.pending, token)
	}
	return p, ok
}

func (pc *pagingCollector) RetrievePropertiesEx(ctx *simulator.Context, r *types.RetrievePropertiesEx) soap.HasFault {
	if ctx.Session == nil {
		return &methods.RetrievePropertiesExBody{Fault_: notAuthenticated(r.This)}
	}
	res := pc.PropertyCollector.RetrievePropertiesEx(ctx, r)
	body, ok := res.(*methods.RetrievePropertiesExBody)
	if !ok || body.Fault_ != nil || body.Res == nil || body.Res.Returnval == nil {
		return res
	}
	limit := pageSize
	if r.Options.MaxObjects > 0 && int(r.Options.MaxObjects) < limit {
		limit = int(r.Options.MaxObjects)
	}
	// vCenter answers an empty result with no returnval at all.
	if len(body.Res.Returnval.Objects) == 0 {
		body.Res.Returnval = nil
		return body
	}
	pc.page(body.Res.Returnval, limit)
	return body
}

func (pc *pagingCollector) RetrieveProperties(ctx *simulator.Context, r *types.RetrieveProperties) soap.HasFault {
	if ctx.Session == nil {
		return &methods.RetrievePropertiesBody{Fault_: notAuthenticated(r.This)}
	}
	return pc.PropertyCollector.RetrieveProperties(ctx, r)
}

func (pc *pagingCollector) ContinueRetrievePropertiesEx(ctx *simulator.Context, r *types.ContinueRetrievePropertiesEx) soap.HasFault {
	body := &methods.ContinueRetrievePropertiesExBody{}
	if ctx.Session == nil {
		body.Fault_ = notAuthenticated(r.This)
		return body
	}
	p, ok := pc.take(r.Token)
	if !ok {
		body.Fault_ = simulator.Fault("", &types.InvalidArgument{InvalidProperty: "token"})
		return body
	}
	res := types.RetrieveResult{Objects: p.objects}
	pc.page(&res, p.limit)
	body.Res = &types.ContinueRetrievePropertiesExResponse{Returnval: res}
	return body
}

func (pc *pagingCollector) CancelRetrievePropertiesEx(ctx *simulator.Context, r *types.CancelRetrievePropertiesEx) soap.HasFault {
	body := &methods.CancelRetrievePropertiesExBody{}
	if ctx.Session == nil {
		body.Fault_ = notAuthenticated(r.This)
		return body
	}
	if _, ok := pc.take(r.Token); !ok {
		body.Fault_ = simulator.Fault("", &types.InvalidArgument{InvalidProperty: "token"})
		return body
	}
	body.Res = &types.CancelRetrievePropertiesExResponse{}
	return body
}

// installPagingCollector replaces the registered PropertyCollector singleton; sessions clone it.
func installPagingCollector() {
	si := simulator.Map.Get(vim25.ServiceInstance).(*simulator.ServiceInstance)
	pc := &pagingCollector{}
	pc.Self = si.Content.PropertyCollector
	simulator.Map.Put(pc)
}
