package main

// HostNetworkSystem methods: synchronous, like on vCenter; each is one edit of the host's
// network (network.go) judged by the fault model (faults.go).

import (
	"reflect"
	"sort"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// hostWrite applies one edit to a host the caller's network system belongs to.
func (ns *hostNetworkSystem) hostWrite(method string, e netEdit) *netFault {
	w := ns.w
	h := w.hostByName[ns.host]
	if f := w.reachable(h); f != nil {
		return f
	}
	next, f := w.edit(h, e)
	if f == nil {
		f = w.commit(h, next, method)
	}
	w.flush()
	return f
}

func (ns *hostNetworkSystem) AddVirtualSwitch(ctx *simulator.Context, req *types.AddVirtualSwitch) soap.HasFault {
	body := &methods.AddVirtualSwitchBody{}
	spec := req.Spec
	if spec == nil {
		spec = &types.HostVirtualSwitchSpec{}
	}
	if f := ns.hostWrite("AddVirtualSwitch", netEdit{vswitches: []types.HostVirtualSwitchConfig{{
		ChangeOperation: string(types.HostConfigChangeOperationAdd), Name: req.VswitchName, Spec: spec,
	}}}); f != nil {
		body.Fault_ = f.soap()
		return body
	}
	body.Res = &types.AddVirtualSwitchResponse{}
	return body
}

func (ns *hostNetworkSystem) UpdateVirtualSwitch(ctx *simulator.Context, req *types.UpdateVirtualSwitch) soap.HasFault {
	body := &methods.UpdateVirtualSwitchBody{}
	if f := ns.hostWrite("UpdateVirtualSwitch", netEdit{vswitches: []types.HostVirtualSwitchConfig{{
		ChangeOperation: string(types.HostConfigChangeOperationEdit), Name: req.VswitchName, Spec: &req.Spec,
	}}}); f != nil {
		body.Fault_ = f.soap()
		return body
	}
	body.Res = &types.UpdateVirtualSwitchResponse{}
	return body
}

func (ns *hostNetworkSystem) RemoveVirtualSwitch(ctx *simulator.Context, req *types.RemoveVirtualSwitch) soap.HasFault {
	body := &methods.RemoveVirtualSwitchBody{}
	if f := ns.hostWrite("RemoveVirtualSwitch", netEdit{vswitches: []types.HostVirtualSwitchConfig{{
		ChangeOperation: string(types.HostConfigChangeOperationRemove), Name: req.VswitchName,
	}}}); f != nil {
		body.Fault_ = f.soap()
		return body
	}
	body.Res = &types.RemoveVirtualSwitchResponse{}
	return body
}

func (ns *hostNetworkSystem) AddPortGroup(ctx *simulator.Context, req *types.AddPortGroup) soap.HasFault {
	body := &methods.AddPortGroupBody{}
	spec := req.Portgrp
	if f := ns.hostWrite("AddPortGroup", netEdit{portgroups: []types.HostPortGroupConfig{{
		ChangeOperation: string(types.HostConfigChangeOperationAdd), Spec: &spec,
	}}}); f != nil {
		body.Fault_ = f.soap()
		return body
	}
	body.Res = &types.AddPortGroupResponse{}
	return body
}

func (ns *hostNetworkSystem) RemovePortGroup(ctx *simulator.Context, req *types.RemovePortGroup) soap.HasFault {
	body := &methods.RemovePortGroupBody{}
	if f := ns.hostWrite("RemovePortGroup", netEdit{portgroups: []types.HostPortGroupConfig{{
		ChangeOperation: string(types.HostConfigChangeOperationRemove), Spec: &types.HostPortGroupSpec{Name: req.PgName},
	}}}); f != nil {
		body.Fault_ = f.soap()
		return body
	}
	body.Res = &types.RemovePortGroupResponse{}
	return body
}

func (ns *hostNetworkSystem) UpdateVirtualNic(ctx *simulator.Context, req *types.UpdateVirtualNic) soap.HasFault {
	body := &methods.UpdateVirtualNicBody{}
	nic := req.Nic
	if f := ns.hostWrite("UpdateVirtualNic", netEdit{vnics: []types.HostVirtualNicConfig{{
		ChangeOperation: string(types.HostConfigChangeOperationEdit), Device: req.Device, Spec: &nic,
	}}}); f != nil {
		body.Fault_ = f.soap()
		return body
	}
	body.Res = &types.UpdateVirtualNicResponse{}
	return body
}

// UpdateNetworkConfig in modify mode: standard switches, portgroups, proxy switches and
// VMkernel adapters in one atomic change (PowerCLI moves a pnic and the management adapter
// together this way). Parts of HostNetworkConfig the harness does not model are refused.
func (ns *hostNetworkSystem) UpdateNetworkConfig(ctx *simulator.Context, req *types.UpdateNetworkConfig) soap.HasFault {
	body := &methods.UpdateNetworkConfigBody{}
	fail := func(f *netFault) soap.HasFault {
		body.Fault_ = f.soap()
		return body
	}
	switch req.ChangeMode {
	case string(types.HostConfigChangeModeModify):
	case string(types.HostConfigChangeModeReplace):
		return fail(notSupported("the harness applies UpdateNetworkConfig in modify mode only"))
	default:
		return fail(invalidArgument("changeMode", "expected modify or replace, got %q", req.ChangeMode))
	}
	if others := unmodelled(req.Config); len(others) > 0 {
		return fail(notSupported("the harness does not model config.%s", strings.Join(others, ", config.")))
	}
	e := netEdit{vswitches: req.Config.Vswitch, portgroups: req.Config.Portgroup, vnics: req.Config.Vnic}
	for i, pc := range req.Config.ProxySwitch {
		at := "config.proxySwitch[" + itoa(i) + "]"
		if pc.ChangeOperation != string(types.HostConfigChangeOperationEdit) {
			return fail(notSupported("%s.changeOperation %q: vCenter adds and removes proxy switches (ReconfigureDvs_Task); a host only edits them", at, pc.ChangeOperation))
		}
		d := ns.w.switchByUUID(pc.Uuid)
		if d == nil {
			return fail(notFound("no proxy switch with uuid %q on %s", pc.Uuid, ns.host))
		}
		if pc.Spec == nil || pc.Spec.Backing == nil {
			continue
		}
		e.proxies = append(e.proxies, proxyEdit{dvs: d, backing: pc.Spec.Backing, field: at + ".spec.backing"})
	}
	if f := ns.hostWrite("UpdateNetworkConfig", e); f != nil {
		return fail(f)
	}
	body.Res = &types.UpdateNetworkConfigResponse{Returnval: types.HostNetworkConfigResult{}}
	return body
}

// modelledConfig are the HostNetworkConfig members UpdateNetworkConfig applies.
var modelledConfig = map[string]bool{"vswitch": true, "proxySwitch": true, "portgroup": true, "vnic": true}

// unmodelled names the members of a HostNetworkConfig that are set but not modelled.
func unmodelled(c types.HostNetworkConfig) []string {
	var out []string
	v := reflect.ValueOf(c)
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			continue
		}
		name := strings.Split(f.Tag.Get("xml"), ",")[0]
		if !modelledConfig[name] && !v.Field(i).IsZero() {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
