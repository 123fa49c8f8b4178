package main

// Renders the model into the vim25 properties vCenter reports, and publishes them through
// vcsim's registry (simulator.Map.Update), which also feeds WaitForUpdatesEx. Every value is
// built afresh: a published value is never changed in place afterwards.

import (
	"fmt"
	"sort"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/esx"
	"github.com/vmware/govmomi/vim25/types"
)

// publishHost renders one host's network, VMkernel services and runtime state.
func (w *world) publishHost(h *hostM) {
	network := w.hostNetwork(h)
	nets := append([]types.ManagedObjectReference(nil), h.netRefs...)
	for _, px := range h.proxies {
		for _, pg := range px.dvs.pgs {
			nets = append(nets, pg.Self)
		}
	}
	simulator.Map.Update(h.obj, []types.PropertyChange{
		{Name: "config.network", Val: network},
		{Name: "config.virtualNicManagerInfo", Val: nicManagerInfo(h.vnics, network.Vnic)},
		{Name: "config.vmotion", Val: vmotionInfo(h.vnics, network.Vnic)},
		{Name: "network", Val: nets},
	})
	simulator.Map.Update(h.netSys, []types.PropertyChange{{Name: "networkInfo", Val: w.hostNetwork(h)}})
}

// publishState renders a host's connection and maintenance state, and its switches' view of it.
func (w *world) publishState(h *hostM, state types.HostSystemConnectionState) {
	simulator.Map.Update(h.obj, []types.PropertyChange{
		{Name: "runtime.connectionState", Val: state},
	})
	for _, px := range h.proxies {
		w.publishSwitch(px.dvs)
	}
}

func (w *world) hostNetwork(h *hostM) *types.HostNetworkInfo {
	network := &types.HostNetworkInfo{
		DnsConfig:         h.netBase.DnsConfig,
		IpRouteConfig:     h.netBase.IpRouteConfig,
		RouteTableInfo:    h.netBase.RouteTableInfo,
		NetStackInstance:  h.netBase.NetStackInstance,
		IpV6Enabled:       h.netBase.IpV6Enabled,
		AtBootIpV6Enabled: h.netBase.AtBootIpV6Enabled,
		Pnic:              append([]types.PhysicalNic(nil), h.pnics...),
	}
	for _, vs := range h.vswitches {
		key := vswitchKeyPrefix + vs.name
		var pnicKeys, pgKeys []string
		for _, p := range vs.pnics {
			pnicKeys = append(pnicKeys, pnicKeyPrefix+p)
		}
		// the switch's own policy is ESXi's default: every bridged pnic active
		teaming := nicTeaming("loadbalance_srcid", vs.pnics, nil)
		for _, pg := range vs.portgroups {
			pgKeys = append(pgKeys, vssPGKeyPrefix+pg.name)
			// computedPolicy is the effective one: the portgroup's own failover order, or the switch's
			computed := teaming
			if pg.teaming != nil {
				computed = nicTeaming(pg.teaming.Policy, pg.teaming.NicOrder.ActiveNic, pg.teaming.NicOrder.StandbyNic)
			}
			network.Portgroup = append(network.Portgroup, types.HostPortGroup{
				Key:            vssPGKeyPrefix + pg.name,
				Vswitch:        key,
				ComputedPolicy: types.HostNetworkPolicy{NicTeaming: computed},
				Spec: types.HostPortGroupSpec{
					Name:        pg.name,
					VlanId:      pg.vlan,
					VswitchName: vs.name,
					Policy:      types.HostNetworkPolicy{NicTeaming: pg.teaming},
				},
			})
		}
		var bridge types.BaseHostVirtualSwitchBridge
		if len(vs.pnics) > 0 {
			bridge = &types.HostVirtualSwitchBondBridge{NicDevice: append([]string(nil), vs.pnics...)}
		}
		network.Vswitch = append(network.Vswitch, types.HostVirtualSwitch{
			Name:              vs.name,
			Key:               key,
			NumPorts:          1536,
			NumPortsAvailable: 1530,
			Mtu:               vs.mtu,
			Portgroup:         pgKeys,
			Pnic:              pnicKeys,
			Spec: types.HostVirtualSwitchSpec{
				NumPorts: vs.numPorts,
				Bridge:   bridge,
				Policy:   &types.HostNetworkPolicy{NicTeaming: teaming},
				Mtu:      vs.mtu,
			},
		})
	}
	for _, px := range h.proxies {
		d := px.dvs
		proxy := types.HostProxySwitch{
			DvsUuid:           d.uuid(),
			DvsName:           d.name(),
			Key:               d.uuid(),
			NumPorts:          proxySwitchPorts,
			ConfigNumPorts:    proxySwitchPorts,
			NumPortsAvailable: proxySwitchPorts - int32(len(px.ports)),
			Mtu:               1500,
			Spec:              types.HostProxySwitchSpec{Backing: backing(px)},
		}
		for _, port := range px.ports {
			proxy.UplinkPort = append(proxy.UplinkPort, types.KeyValue{Key: port.key, Value: port.name})
		}
		for _, b := range px.pnics {
			proxy.Pnic = append(proxy.Pnic, pnicKeyPrefix+b.device)
		}
		if d.inv.Lacp != nil {
			for _, l := range d.inv.Lacp.Lags {
				hostLag := types.HostProxySwitchHostLagConfig{LagKey: d.lagKeys[l.Name], LagName: l.Name}
				for _, port := range l.ports() {
					hostLag.UplinkPort = append(hostLag.UplinkPort, types.KeyValue{Key: px.portKey(port), Value: port})
				}
				proxy.HostLag = append(proxy.HostLag, hostLag)
			}
		}
		network.ProxySwitch = append(network.ProxySwitch, proxy)
	}
	for _, v := range h.vnics {
		spec := v.spec
		if v.spec.Ip != nil {
			ip := *v.spec.Ip
			spec.Ip = &ip
		}
		vnic := types.HostVirtualNic{Device: v.device, Key: vnicKeyPrefix + v.device, Spec: spec}
		if v.portgroup != "" {
			vnic.Portgroup = v.portgroup
			vnic.Spec.Portgroup = v.portgroup
			vnic.Port = v.vssPort
		} else {
			vnic.Spec.DistributedVirtualPort = &types.DistributedVirtualSwitchPortConnection{
				SwitchUuid:   v.dvs.uuid(),
				PortgroupKey: v.dvPG,
				PortKey:      v.dvPort,
			}
		}
		network.Vnic = append(network.Vnic, vnic)
	}
	return network
}

// nicTeaming is a HostNicTeamingPolicy with ESXi's defaults besides the policy and the order.
// Built afresh each time: a published value is never shared with the model.
func nicTeaming(policy string, active, standby []string) *types.HostNicTeamingPolicy {
	return &types.HostNicTeamingPolicy{
		Policy:         policy,
		ReversePolicy:  types.NewBool(true),
		NotifySwitches: types.NewBool(true),
		RollingOrder:   types.NewBool(false),
		NicOrder: &types.HostNicOrderPolicy{
			ActiveNic:  append([]string(nil), active...),
			StandbyNic: append([]string(nil), standby...),
		},
	}
}

// vmDevices is a VM's config.hardware.device as vCenter reports it: the devices every VM has
// (vcsim's ESX template: IDE, PS/2, PCI and SIO controllers, keyboard, pointing device, video
// card, VMCI), a paravirtual SCSI controller with one disk, and its network adapters.
func (w *world) vmDevices(vm *harnessVM) []types.BaseVirtualDevice {
	devices := append([]types.BaseVirtualDevice(nil), esx.VirtualDevice...)
	devices = append(devices,
		&types.ParaVirtualSCSIController{VirtualSCSIController: types.VirtualSCSIController{
			VirtualController: types.VirtualController{
				VirtualDevice: types.VirtualDevice{
					Key:           1000,
					DeviceInfo:    &types.Description{Label: "SCSI controller 0", Summary: "VMware paravirtual SCSI"},
					ControllerKey: 100,
					UnitNumber:    types.NewInt32(3),
				},
				Device: []int32{2000},
			},
			HotAddRemove:       types.NewBool(true),
			SharedBus:          types.VirtualSCSISharingNoSharing,
			ScsiCtlrUnitNumber: 7,
		}},
		&types.VirtualDisk{
			VirtualDevice: types.VirtualDevice{
				Key:        2000,
				DeviceInfo: &types.Description{Label: "Hard disk 1", Summary: "41,943,040 KB"},
				Backing: &types.VirtualDiskFlatVer2BackingInfo{
					VirtualDeviceFileBackingInfo: types.VirtualDeviceFileBackingInfo{
						FileName: fmt.Sprintf("[datastore1] %s/%s.vmdk", vm.Name, vm.Name),
					},
					DiskMode:        string(types.VirtualDiskModePersistent),
					ThinProvisioned: types.NewBool(true),
				},
				ControllerKey: 1000,
				UnitNumber:    types.NewInt32(0),
			},
			CapacityInKB: 41943040,
		})
	for i, n := range vm.nics {
		summary := n.network
		if n.dvs != nil {
			summary = "DVSwitch: " + n.dvs.uuid()
		}
		card := &types.VirtualVmxnet3{VirtualVmxnet: types.VirtualVmxnet{VirtualEthernetCard: types.VirtualEthernetCard{
			VirtualDevice: types.VirtualDevice{
				Key:           n.key,
				DeviceInfo:    &types.Description{Label: n.label, Summary: summary},
				ControllerKey: 100,
				UnitNumber:    types.NewInt32(7 + int32(i)),
				Connectable: &types.VirtualDeviceConnectInfo{
					StartConnected: true, AllowGuestControl: true, Connected: true, Status: "ok",
				},
			},
			AddressType:      string(types.VirtualEthernetCardMacTypeAssigned),
			MacAddress:       n.mac,
			WakeOnLanEnabled: types.NewBool(true),
		}}}
		if n.dvs != nil {
			card.Backing = &types.VirtualEthernetCardDistributedVirtualPortBackingInfo{
				Port: types.DistributedVirtualSwitchPortConnection{
					SwitchUuid: n.dvs.uuid(), PortgroupKey: n.dvPG, PortKey: n.dvPort,
				},
			}
		} else {
			card.Backing = &types.VirtualEthernetCardNetworkBackingInfo{
				VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{
					DeviceName: n.network, UseAutoDetect: types.NewBool(false),
				},
			}
		}
		devices = append(devices, card)
	}
	return devices
}

// backing is a proxy switch's pnics as vim25 writes them: pnic, uplink port, uplink portgroup.
func backing(px *proxyM) *types.DistributedVirtualSwitchHostMemberPnicBacking {
	b := &types.DistributedVirtualSwitchHostMemberPnicBacking{}
	for _, p := range px.pnics {
		b.PnicSpec = append(b.PnicSpec, types.DistributedVirtualSwitchHostMemberPnicSpec{
			PnicDevice:         p.device,
			UplinkPortKey:      p.port,
			UplinkPortgroupKey: px.dvs.uplinkPG.Key,
		})
	}
	return b
}

// nicManagerInfo lists, per nicType, every vmknic as a candidate and the ones carrying the
// service as selected, with keys "<nicType>.key-vim.host.VirtualNic-vmkN" like ESXi.
func nicManagerInfo(vnics []*vnicM, rendered []types.HostVirtualNic) *types.HostVirtualNicManagerInfo {
	info := &types.HostVirtualNicManagerInfo{}
	for _, nicType := range nicTypes {
		cfg := types.VirtualNicManagerNetConfig{NicType: nicType, MultiSelectAllowed: true}
		for i, vnic := range rendered {
			candidate := vnic
			candidate.Key = nicType + "." + vnic.Key
			cfg.CandidateVnic = append(cfg.CandidateVnic, candidate)
			for _, service := range vnics[i].services {
				if serviceNicTypes[service] == nicType {
					cfg.SelectedVnic = append(cfg.SelectedVnic, candidate.Key)
				}
			}
		}
		info.NetConfig = append(info.NetConfig, cfg)
	}
	return info
}

// vmotionInfo fills the older config.vmotion property consistently with the nic manager.
func vmotionInfo(vnics []*vnicM, rendered []types.HostVirtualNic) *types.HostVMotionInfo {
	netConfig := &types.HostVMotionNetConfig{}
	for i, vnic := range rendered {
		candidate := vnic
		candidate.Key = "VMotionConfig.vmotion." + vnic.Key
		netConfig.CandidateVnic = append(netConfig.CandidateVnic, candidate)
		if netConfig.SelectedVnic == "" && contains(vnics[i].services, "vmotion") {
			netConfig.SelectedVnic = candidate.Key
		}
	}
	return &types.HostVMotionInfo{NetConfig: netConfig}
}

// members are the hosts with a proxy switch of d, in the order they joined.
func (w *world) members(d *dvsM) []*hostM {
	var out []*hostM
	for _, h := range w.hostList {
		if h.proxy(d) != nil {
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].proxy(d).joined < out[j].proxy(d).joined })
	return out
}

// publishSwitch renders a distributed switch's members (config.host, LAG port keys,
// summary.hostMember) and its portgroups' ports and hosts.
func (w *world) publishSwitch(d *dvsM) {
	old := d.obj.Config.(*types.VMwareDVSConfigInfo)
	cfg := *old
	cfg.Host = nil
	cfg.ConfigVersion = d.configVersion()
	members := w.members(d)
	var memberRefs []types.ManagedObjectReference
	var uplinkPorts []string
	for _, h := range members {
		px := h.proxy(d)
		var keys []string
		for _, port := range px.ports {
			keys = append(keys, port.key)
		}
		uplinkPorts = append(uplinkPorts, keys...)
		status := "up"
		if h.obj.Runtime.ConnectionState != types.HostSystemConnectionStateConnected {
			status = "disconnected"
		}
		product := d.product
		self := h.obj.Self
		memberRefs = append(memberRefs, self)
		cfg.Host = append(cfg.Host, types.DistributedVirtualSwitchHostMember{
			Config: types.DistributedVirtualSwitchHostMemberConfigInfo{
				Host:                &self,
				MaxProxySwitchPorts: proxySwitchPorts,
				Backing:             backing(px),
				NsxSwitch:           types.NewBool(false),
			},
			ProductInfo:   &product,
			UplinkPortKey: keys,
			Status:        status,
		})
	}
	cfg.LacpGroupConfig = nil
	if d.inv.Lacp != nil {
		for _, l := range d.inv.Lacp.Lags {
			group := types.VMwareDvsLacpGroupConfig{
				Key:                  d.lagKeys[l.Name],
				Name:                 l.Name,
				Mode:                 l.Mode,
				UplinkNum:            int32(l.UplinkCount),
				LoadbalanceAlgorithm: l.LoadBalancing,
				UplinkName:           l.ports(),
			}
			for _, h := range members {
				for _, port := range l.ports() {
					group.UplinkPortKey = append(group.UplinkPortKey, h.proxy(d).portKey(port))
				}
			}
			cfg.LacpGroupConfig = append(cfg.LacpGroupConfig, group)
		}
	}
	// VMkernel ports per portgroup, host by host in fixture order, then the VMs' ports
	vmkPorts := map[string][]string{}
	for _, h := range w.hostList {
		for _, v := range h.vnics {
			if v.dvs == d {
				vmkPorts[v.dvPG] = append(vmkPorts[v.dvPG], v.dvPort)
			}
		}
	}
	for _, vm := range w.vmList {
		for _, n := range vm.nics {
			if n.dvs == d {
				vmkPorts[n.dvPG] = append(vmkPorts[n.dvPG], n.dvPort)
			}
		}
	}
	ports := len(uplinkPorts)
	for _, keys := range vmkPorts {
		ports += len(keys)
	}
	cfg.NumPorts = int32(ports)
	summary := d.obj.Summary
	summary.HostMember = memberRefs
	summary.NumPorts = cfg.NumPorts
	simulator.Map.Update(d.obj, []types.PropertyChange{
		{Name: "config", Val: &cfg},
		{Name: "summary", Val: summary},
	})
	for _, pg := range d.pgs {
		keys := vmkPorts[pg.Key]
		if pg == d.uplinkPG {
			keys = uplinkPorts
		}
		pgCfg := pg.Config
		pgCfg.NumPorts = int32(len(keys))
		simulator.Map.Update(pg, []types.PropertyChange{
			{Name: "portKeys", Val: append([]string(nil), keys...)},
			{Name: "config", Val: pgCfg},
			{Name: "host", Val: append([]types.ManagedObjectReference(nil), memberRefs...)},
		})
	}
}

func (w *world) publishAll() {
	for _, h := range w.hostList {
		w.publishHost(h)
	}
	for _, d := range w.switches {
		w.publishSwitch(d)
	}
}

// mac is a deterministic VMware-OUI address for NIC n of host h.
func mac(kind, h, n int) string {
	return fmt.Sprintf("00:50:56:%02x:%02x:%02x", kind+n, (h>>8)&0xff, h&0xff)
}
