package main

// Builds the simulated vCenter from an inventory: inventory objects are created through
// vcsim's own SOAP methods (so parents, folders, resource pools and networks are wired as
// vcsim expects), then their properties are set directly to what vCenter reports. Finally the
// objects the write methods change are replaced by the harness's own types (model.go) and the
// network model is built from the fixture and rendered (render.go).

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// nicTypes are the HostVirtualNicManagerNicType values an ESXi 6.x host reports, in its order.
var nicTypes = []string{
	"faultToleranceLogging", "management", "vSphereProvisioning",
	"vSphereReplication", "vSphereReplicationNFC", "vmotion", "vsan",
}

const (
	pnicKeyPrefix    = "key-vim.host.PhysicalNic-"
	vnicKeyPrefix    = "key-vim.host.VirtualNic-"
	vswitchKeyPrefix = "key-vim.host.VirtualSwitch-"
	vssPGKeyPrefix   = "key-vim.host.PortGroup-"
	uplinkPGTag      = "SYSTEM/DVS.UPLINKPG"
	proxySwitchPorts = 512
)

type world struct {
	inv      *inventory
	client   *vim25.Client
	ctx      context.Context
	dcs      map[string]*dcInfo
	clusters map[string]*simulator.ClusterComputeResource
	// vcsim's hosts while the world is built; hostList/hostByName once the model exists
	built      map[string]*simulator.HostSystem
	hostList   []*hostM
	hostByName map[string]*hostM
	switches   []*dvsM
	vcsaVM     *harnessVM
	vms        map[types.ManagedObjectReference]*harnessVM
	vmList     []*harnessVM // the VMs in creation order: deterministic rendering
	settings   *settings
	faults     *injected
	drops      map[string]*time.Timer // hosts to drop later (control endpoint)
	joins      int                    // orders proxy switches by when their host joined
	// switches a write touched (rendered at flush) and changed (new configVersion)
	touched map[*dvsM]bool
	dirty   map[*dvsM]bool
}

type dcInfo struct {
	folders *object.DatacenterFolders
}

func buildWorld(inv *inventory, opts options) (*simulator.Model, *world, error) {
	m := simulator.VPX()
	// An empty vCenter: every inventory object below comes from the fixture.
	m.Datacenter, m.Portgroup, m.Host, m.Cluster, m.ClusterHost = 0, 0, 0, 0, 0
	m.Datastore, m.Machine, m.Autostart = 0, 0, false
	if err := m.Create(); err != nil {
		return nil, nil, fmt.Errorf("creating the simulator: %v", err)
	}
	ctx := context.Background()
	client, err := vim25.NewClient(ctx, m.Service)
	if err != nil {
		return nil, nil, fmt.Errorf("in-process client: %v", err)
	}
	w := &world{
		inv: inv, client: client, ctx: ctx,
		dcs:        map[string]*dcInfo{},
		clusters:   map[string]*simulator.ClusterComputeResource{},
		built:      map[string]*simulator.HostSystem{},
		hostByName: map[string]*hostM{},
		vms:        map[types.ManagedObjectReference]*harnessVM{},
		faults:     newInjected(),
		drops:      map[string]*time.Timer{},
		touched:    map[*dvsM]bool{},
		dirty:      map[*dvsM]bool{},
	}
	steps := []func() error{
		w.about, w.datacenters, w.buildClusters, w.buildHosts, w.buildSwitches,
		w.machines, w.switchConfigs, w.ownObjects, w.buildModel, w.vmNetworks,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, nil, err
		}
	}
	w.settings = newSettings(opts)
	w.publishAll()
	installPagingCollector()
	return m, w, nil
}

func (w *world) about() error {
	si := simulator.Map.Get(vim25.ServiceInstance).(*simulator.ServiceInstance)
	about := &si.Content.About
	if src := w.inv.Source; src != nil {
		if src.InstanceUUID != "" {
			about.InstanceUuid = src.InstanceUUID
		}
		if src.APIVersion != "" {
			about.ApiVersion = src.APIVersion
			about.Version = threePart(src.APIVersion)
			about.FullName = fmt.Sprintf("VMware vCenter Server %s build-%s", about.Version, about.Build)
		}
	}
	return nil
}

// threePart turns "6.0" into "6.0.0", the form vCenter and ESXi use for product versions.
func threePart(v string) string {
	if strings.Count(v, ".") == 1 {
		return v + ".0"
	}
	return v
}

// majorMinor turns "6.0.0" into "6.0", the form of AboutInfo.apiVersion.
func majorMinor(v string) string {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) >= 2 {
		return parts[0] + "." + parts[1]
	}
	return v
}

func (w *world) datacenters() error {
	root := object.NewRootFolder(w.client)
	for _, d := range w.inv.Datacenters {
		dc, err := root.CreateDatacenter(w.ctx, d.Name)
		if err != nil {
			return fmt.Errorf("datacenter %q: %v", d.Name, err)
		}
		folders, err := dc.Folders(w.ctx)
		if err != nil {
			return fmt.Errorf("datacenter %q folders: %v", d.Name, err)
		}
		w.dcs[d.Name] = &dcInfo{folders: folders}
	}
	return nil
}

func (w *world) buildClusters() error {
	for _, c := range w.inv.Clusters {
		folders := w.dcs[c.Datacenter].folders
		obj, err := folders.HostFolder.CreateCluster(w.ctx, c.Name, types.ClusterConfigSpecEx{})
		if err != nil {
			return fmt.Errorf("cluster %q: %v", c.Name, err)
		}
		cc := simulator.Map.Get(obj.Reference()).(*simulator.ClusterComputeResource)
		das := types.ClusterDasConfigInfo{
			Enabled:                 types.NewBool(c.HaEnabled),
			HostMonitoring:          string(types.ClusterDasConfigInfoServiceStateEnabled),
			VmMonitoring:            string(types.ClusterDasConfigInfoVmMonitoringStateVmMonitoringDisabled),
			FailoverLevel:           c.HaHostFailuresTolerated,
			AdmissionControlEnabled: types.NewBool(c.HaHostFailuresTolerated > 0),
			AdmissionControlPolicy: &types.ClusterFailoverLevelAdmissionControlPolicy{
				FailoverLevel: c.HaHostFailuresTolerated,
			},
		}
		drs := types.ClusterDrsConfigInfo{
			Enabled:           types.NewBool(c.DrsEnabled),
			DefaultVmBehavior: types.DrsBehaviorFullyAutomated,
			VmotionRate:       3,
		}
		cfg := cc.ConfigurationEx.(*types.ClusterConfigInfoEx)
		cfg.DasConfig = das
		cfg.DrsConfig = drs
		// The pre-5.0 "configuration" property, which vCenter still fills.
		cc.Configuration = types.ClusterConfigInfo{DasConfig: das, DrsConfig: drs}
		if s, ok := cc.Summary.(*types.ClusterComputeResourceSummary); ok {
			s.CurrentFailoverLevel = c.HaHostFailuresTolerated
		}
		w.clusters[c.Name] = cc
	}
	return nil
}

func (w *world) buildHosts() error {
	for _, h := range w.inv.Hosts {
		spec := types.HostConnectSpec{HostName: h.Name}
		var task *object.Task
		var err error
		if h.Cluster != "" {
			cluster := object.NewClusterComputeResource(w.client, w.clusters[h.Cluster].Self)
			task, err = cluster.AddHost(w.ctx, spec, true, nil, nil)
		} else {
			task, err = w.dcs[h.Datacenter].folders.HostFolder.AddStandaloneHost(w.ctx, spec, true, nil, nil)
		}
		if err != nil {
			return fmt.Errorf("host %q: %v", h.Name, err)
		}
		info, err := task.WaitForResult(w.ctx, nil)
		if err != nil {
			return fmt.Errorf("host %q: %v", h.Name, err)
		}
		hs := simulator.Map.Get(info.Result.(types.ManagedObjectReference)).(*simulator.HostSystem)

		// The ESX template shares the product pointers between hosts: replace, never mutate.
		product := types.AboutInfo{
			Name:                  "VMware ESXi",
			FullName:              fmt.Sprintf("VMware ESXi %s build-%s", h.Version, h.Build),
			Vendor:                "VMware, Inc.",
			Version:               h.Version,
			Build:                 h.Build,
			LocaleVersion:         "INTL",
			LocaleBuild:           "000",
			OsType:                "vmnix-x86",
			ProductLineId:         "embeddedEsx",
			ApiType:               "HostAgent",
			ApiVersion:            majorMinor(h.Version),
			LicenseProductName:    "VMware ESX Server",
			LicenseProductVersion: strings.SplitN(h.Version, ".", 2)[0] + ".0",
		}
		summaryConfig := hs.Summary.Config
		summaryConfig.Name = h.Name
		summaryProduct := product
		summaryConfig.Product = &summaryProduct
		hs.Summary.Config = summaryConfig
		hs.Config.Product = product

		hs.Runtime.ConnectionState = types.HostSystemConnectionState(h.ConnectionState)
		hs.Runtime.InMaintenanceMode = h.MaintenanceMode
		w.built[h.Name] = hs
	}
	return nil
}

func (w *world) buildSwitches() error {
	for si, s := range w.inv.DistributedSwitches {
		folders := w.dcs[s.Datacenter].folders
		product := types.DistributedVirtualSwitchProductSpec{
			Name: "DVS", Vendor: "VMware, Inc.", Version: s.Version, ForwardingClass: "etherswitch",
		}
		spec := types.DVSCreateSpec{
			ConfigSpec: &types.VMwareDVSConfigSpec{
				DVSConfigSpec: types.DVSConfigSpec{
					Name:             s.Name,
					UplinkPortPolicy: &types.DVSNameArrayUplinkPortPolicy{UplinkPortName: s.Uplinks},
				},
			},
			ProductInfo: &product,
		}
		task, err := folders.NetworkFolder.CreateDVS(w.ctx, spec)
		if err != nil {
			return fmt.Errorf("distributed switch %q: %v", s.Name, err)
		}
		info, err := task.WaitForResult(w.ctx, nil)
		if err != nil {
			return fmt.Errorf("distributed switch %q: %v", s.Name, err)
		}
		ref := info.Result.(types.ManagedObjectReference)
		sim := simulator.Map.Get(ref).(*simulator.DistributedVirtualSwitch)
		d := &dvsM{
			index:      si,
			inv:        s,
			product:    product,
			teaming:    map[string]*teaming{},
			lagKeys:    map[string]string{},
			buildPorts: map[string]map[string]string{},
			version:    1,
			sim:        sim,
		}
		if s.UUID != "" {
			sim.Uuid = s.UUID
			sim.Summary.Uuid = s.UUID
			sim.Config.GetDVSConfigInfo().Uuid = s.UUID
		}

		var specs []types.DVPortgroupConfigSpec
		for _, pg := range s.Portgroups {
			d.teaming[pg.Name] = pg.Teaming
			if pg.UplinkPortgroup {
				continue
			}
			specs = append(specs, types.DVPortgroupConfigSpec{
				Name:              pg.Name,
				Type:              string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding),
				DefaultPortConfig: portSetting(pg),
				AutoExpand:        types.NewBool(true),
			})
		}
		dvs := object.NewDistributedVirtualSwitch(w.client, ref)
		if len(specs) > 0 {
			task, err = dvs.AddPortgroup(w.ctx, specs)
			if err == nil {
				err = task.Wait(w.ctx)
			}
			if err != nil {
				return fmt.Errorf("distributed switch %q portgroups: %v", s.Name, err)
			}
		}

		// vcsim's own member add wires the hosts' and portgroups' network lists; the harness
		// renders everything else about members itself.
		if len(s.Members) > 0 {
			var members []types.DistributedVirtualSwitchHostMemberConfigSpec
			for _, mb := range s.Members {
				members = append(members, types.DistributedVirtualSwitchHostMemberConfigSpec{
					Operation: string(types.ConfigSpecOperationAdd),
					Host:      w.built[mb.Host].Self,
				})
			}
			task, err = dvs.Reconfigure(w.ctx, &types.VMwareDVSConfigSpec{
				DVSConfigSpec: types.DVSConfigSpec{Host: members},
			})
			if err == nil {
				err = task.Wait(w.ctx)
			}
			if err != nil {
				return fmt.Errorf("distributed switch %q members: %v", s.Name, err)
			}
		}
		// One DV uplink port per uplink name (plain and LAG) on every member host, as vCenter does.
		for _, mb := range s.Members {
			ports := map[string]string{}
			for _, name := range s.uplinkNames() {
				ports[name] = d.newPort()
			}
			d.buildPorts[mb.Host] = ports
		}
		if s.Lacp != nil {
			for i, l := range s.Lacp.Lags {
				d.lagKeys[l.Name] = strconv.Itoa(1000 + i)
			}
		}
		w.switches = append(w.switches, d)
	}
	return nil
}

// defaultMtu is the MTU vCenter and ESXi give a new distributed switch (maxMtu), standard
// switch or VMkernel adapter.
const defaultMtu = 1500

// portSetting is a portgroup's defaultPortConfig as vCenter reports it.
func portSetting(pg portgroup) *types.VMwareDVSPortSetting {
	setting := &types.VMwareDVSPortSetting{}
	switch {
	case pg.Vlan != nil:
		setting.Vlan = &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: *pg.Vlan}
	case len(pg.VlanTrunk) > 0:
		// A VlanIdSpec of 0 means "no VLAN" (untagged), which a trunk is not.
		trunk := &types.VmwareDistributedVirtualSwitchTrunkVlanSpec{}
		for _, r := range pg.VlanTrunk {
			trunk.VlanId = append(trunk.VlanId, types.NumericRange{Start: r.Start, End: r.End})
		}
		setting.Vlan = trunk
	default:
		// vlan is optional in VMwareDVSPortSetting: a fixture that does not say is served
		// without one (a private VLAN reads the same to vsguard) rather than with an invented one
	}
	// uplinkTeamingPolicy is optional in VMwareDVSPortSetting (and ignored for uplink ports):
	// a fixture without teaming is served without one rather than with an invented default.
	if pg.Teaming != nil {
		policy := pg.Teaming.Policy
		if policy == "" {
			policy = "loadbalance_srcid"
		}
		setting.UplinkTeamingPolicy = &types.VmwareUplinkPortTeamingPolicy{
			Policy:         &types.StringPolicy{Value: policy},
			ReversePolicy:  &types.BoolPolicy{Value: types.NewBool(true)},
			NotifySwitches: &types.BoolPolicy{Value: types.NewBool(true)},
			RollingOrder:   &types.BoolPolicy{Value: types.NewBool(false)},
			UplinkPortOrder: &types.VMwareUplinkPortOrderPolicy{
				ActiveUplinkPort:  pg.Teaming.Active,
				StandbyUplinkPort: pg.Teaming.Standby,
			},
		}
	}
	if pg.Lacp != nil {
		setting.LacpPolicy = &types.VMwareUplinkLacpPolicy{
			Enable: &types.BoolPolicy{Value: types.NewBool(pg.Lacp.Enabled)},
			Mode:   &types.StringPolicy{Value: pg.Lacp.Mode},
		}
	}
	return setting
}

func (w *world) machines() error {
	var vcsaHost, vcsaName string
	if vc := w.inv.VCenter; vc != nil {
		vcsaHost, vcsaName = vc.Host, vc.VMName
	}
	for _, h := range w.inv.Hosts {
		hs := w.built[h.Name]
		vmFolder := simulator.Map.Get(w.dcs[h.Datacenter].folders.VmFolder.Reference()).(*simulator.Folder)
		pool := w.resourcePool(hs)
		names := h.VMs
		if len(names) == 0 {
			count := h.VMCount
			if h.Name == vcsaHost && count == 0 {
				count = 1
			}
			for i := 0; i < count; i++ {
				name := fmt.Sprintf("%s-vm%03d", h.Name, i+1)
				if h.Name == vcsaHost && i == 0 {
					name = vcsaName
				}
				names = append(names, name)
			}
		}
		for i, name := range names {
			vm := &harnessVM{}
			vm.Self.Type = "VirtualMachine" // not the Go type's name
			vm.Name = name
			simulator.Map.PutEntity(vmFolder, simulator.Map.NewEntity(vm))
			vmFolder.ChildEntity = append(vmFolder.ChildEntity, vm.Self)
			vm.ResourcePool = &pool.Self
			vm.Runtime = types.VirtualMachineRuntimeInfo{
				Host:            &hs.Self,
				ConnectionState: types.VirtualMachineConnectionStateConnected,
				PowerState:      types.VirtualMachinePowerStatePoweredOn,
			}
			uuid := fmt.Sprintf("4230%04x-%04x-%04x-%04x-%012x", i, len(w.built), 0, 0, len(hs.Vm))
			vm.Config = &types.VirtualMachineConfigInfo{
				Name: name, GuestId: "otherGuest64", GuestFullName: "Other (64-bit)",
				Uuid: uuid, InstanceUuid: uuid, Version: "vmx-11",
			}
			vm.Summary.Vm = &vm.Self
			vm.Summary.Runtime = vm.Runtime
			vm.Summary.Config = types.VirtualMachineConfigSummary{
				Name: name, GuestId: "otherGuest64", GuestFullName: "Other (64-bit)",
				Uuid: uuid, InstanceUuid: uuid, NumCpu: 2, MemorySizeMB: 4096,
			}
			vm.Summary.OverallStatus = types.ManagedEntityStatusGreen
			if name == vcsaName && h.Name == vcsaHost {
				vm.Summary.Config.Product = &types.VAppProductInfo{
					Name: "VMware vCenter Server Appliance", Vendor: "VMware Inc.",
				}
				w.vcsaVM = vm
			}
			hs.Vm = append(hs.Vm, vm.Self)
			pool.Vm = append(pool.Vm, vm.Self)
			w.vms[vm.Self] = vm
			w.vmList = append(w.vmList, vm)
		}
	}
	return nil
}

// placeVCenter records where the appliance answers, once the listen address is known.
func (w *world) placeVCenter(ip string) {
	if w.vcsaVM == nil {
		return
	}
	w.vcsaVM.Guest = &types.GuestInfo{
		GuestState: "running", ToolsRunningStatus: "guestToolsRunning",
		HostName: ip, IpAddress: ip, GuestFullName: "Other (64-bit)",
	}
	w.vcsaVM.Summary.Guest = &types.VirtualMachineGuestSummary{HostName: ip, IpAddress: ip}
}

func (w *world) resourcePool(hs *simulator.HostSystem) *simulator.ResourcePool {
	var ref *types.ManagedObjectReference
	switch parent := simulator.Map.Get(*hs.Parent).(type) {
	case *simulator.ClusterComputeResource:
		ref = parent.ResourcePool
	case *mo.ComputeResource:
		ref = parent.ResourcePool
	}
	return simulator.Map.Get(*ref).(*simulator.ResourcePool)
}

// switchConfigs sets what vCenter reports about each switch besides its members (those are
// rendered from the model): product, MTU, uplink names, default port settings, LACP API, and
// the uplink portgroup under the fixture's name.
func (w *world) switchConfigs() error {
	for _, d := range w.switches {
		s := d.inv
		sim := d.sim
		cfg := sim.Config.(*types.VMwareDVSConfigInfo)
		cfg.ProductInfo = d.product
		// maxMtu is mandatory in VMwareDVSConfigInfo: a fixture without one gets vCenter's default.
		cfg.MaxMtu = defaultMtu
		if s.Mtu != nil {
			cfg.MaxMtu = *s.Mtu
		}
		cfg.UplinkPortPolicy = &types.DVSNameArrayUplinkPortPolicy{UplinkPortName: s.Uplinks}
		// CreateDVS_Task made the uplink portgroup; it takes the inventory's uplink portgroup.
		upg := simulator.Map.Get(sim.Portgroup[0]).(*simulator.DistributedVirtualPortgroup)
		cfg.UplinkPortgroup = []types.ManagedObjectReference{upg.Self}
		var noVlan int32
		cfg.DefaultPortConfig = portSetting(portgroup{
			Vlan:    &noVlan,
			Teaming: &teaming{Policy: "loadbalance_srcid", Active: s.Uplinks},
			Lacp:    &pgLacp{Enabled: false, Mode: "passive"},
		})
		sim.Summary.ProductInfo = &d.product
		cfg.LacpApiVersion = ""
		if s.Lacp != nil {
			cfg.LacpApiVersion = s.Lacp.APIVersion
		}

		// Uplink portgroup: the inventory's name and settings, vCenter's marker.
		for i, pg := range s.Portgroups {
			if !pg.UplinkPortgroup {
				continue
			}
			for j, n := range sim.Summary.PortgroupName {
				if n == upg.Name {
					sim.Summary.PortgroupName[j] = pg.Name
				}
			}
			upg.Name = pg.Name
			upg.Config.Name = pg.Name
			upg.Config.DefaultPortConfig = portSetting(s.Portgroups[i])
		}
		upg.Config.Uplink = types.NewBool(true)
		upg.Tag = []types.Tag{{Key: uplinkPGTag}}
		upg.Config.Type = string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding)
		for _, ref := range sim.Portgroup[1:] {
			pg := simulator.Map.Get(ref).(*simulator.DistributedVirtualPortgroup)
			pg.Config.Uplink = types.NewBool(false)
		}
	}
	return nil
}

// ownObjects replaces the objects the write methods change by the harness's own types: the
// switches (also retyped to VmwareDistributedVirtualSwitch, as vCenter reports them), their
// portgroups, the hosts and their network systems. Their vim25 data is kept as built.
func (w *world) ownObjects() error {
	for _, d := range w.switches {
		old := d.sim.Self
		folder := simulator.Map.Get(*d.sim.Parent).(*simulator.Folder)
		sw := &vmwareDVS{w: w}
		sw.DistributedVirtualSwitch = d.sim.DistributedVirtualSwitch
		sw.Self = types.ManagedObjectReference{Type: "VmwareDistributedVirtualSwitch", Value: old.Value}
		simulator.Map.Remove(old)
		simulator.Map.Put(sw)
		for i, child := range folder.ChildEntity {
			if child == old {
				folder.ChildEntity[i] = sw.Self
			}
		}
		d.obj = sw
		for _, pgRef := range sw.Portgroup {
			sim := simulator.Map.Get(pgRef).(*simulator.DistributedVirtualPortgroup)
			pg := &dvPortgroup{DistributedVirtualPortgroup: sim.DistributedVirtualPortgroup}
			self := sw.Self
			pg.Config.DistributedVirtualSwitch = &self
			simulator.Map.Put(pg)
			d.pgs = append(d.pgs, pg)
			if pgRef == sw.Portgroup[0] {
				d.uplinkPG = pg
			}
		}
		d.sim = nil
	}
	for _, h := range w.inv.Hosts {
		sim := w.built[h.Name]
		host := &esxHost{HostSystem: sim.HostSystem, w: w}
		host.Summary.Runtime = &host.Runtime
		simulator.Map.Put(host)
		nsSim := simulator.Map.Get(*host.ConfigManager.NetworkSystem).(*simulator.HostNetworkSystem)
		ns := &hostNetworkSystem{HostNetworkSystem: nsSim.HostNetworkSystem, w: w, host: h.Name}
		simulator.Map.Put(ns)
		hm := &hostM{
			name: h.Name, index: len(w.hostList), cluster: h.Cluster, dc: h.Datacenter,
			obj: host, netSys: ns, lacpOrigin: map[string]*dvsM{},
		}
		w.hostList = append(w.hostList, hm)
		w.hostByName[h.Name] = hm
	}
	w.built = nil
	return nil
}

// buildModel reads each host's network from the fixture: pnics, standard switches, proxy
// switches (with the DV ports made when the switches were built) and VMkernel adapters.
func (w *world) buildModel() error {
	for hi, h := range w.inv.Hosts {
		hm := w.hostByName[h.Name]
		if tmpl := hm.obj.Config.Network; tmpl != nil {
			hm.netBase = types.HostNetworkInfo{
				DnsConfig:         tmpl.DnsConfig,
				IpRouteConfig:     tmpl.IpRouteConfig,
				RouteTableInfo:    tmpl.RouteTableInfo,
				NetStackInstance:  tmpl.NetStackInstance,
				IpV6Enabled:       tmpl.IpV6Enabled,
				AtBootIpV6Enabled: tmpl.AtBootIpV6Enabled,
			}
		}
		for _, ref := range hm.obj.Network {
			if ref.Type != "DistributedVirtualPortgroup" {
				hm.netRefs = append(hm.netRefs, ref)
			}
		}
		for pi, dev := range h.Pnics {
			hm.pnics = append(hm.pnics, types.PhysicalNic{
				Key:       pnicKeyPrefix + dev,
				Device:    dev,
				Pci:       fmt.Sprintf("0000:%02x:00.%d", 3+pi/2, pi%2),
				Driver:    "ixgbe",
				LinkSpeed: &types.PhysicalNicLinkInfo{SpeedMb: 10000, Duplex: true},
				Spec: types.PhysicalNicSpec{
					Ip:        &types.HostIpConfig{},
					LinkSpeed: &types.PhysicalNicLinkInfo{SpeedMb: 10000, Duplex: true},
				},
				Mac: mac(0x10, hi, pi),
			})
		}
		for _, vs := range h.StandardSwitches {
			// ESXi reports every switch's MTU and portgroup's VLAN: 1500 and 0 when the fixture has none
			m := &vswitchM{name: vs.Name, pnics: append([]string(nil), vs.Pnics...), numPorts: 128, mtu: defaultMtu}
			if vs.Mtu != nil {
				m.mtu = *vs.Mtu
			}
			for _, name := range vs.Portgroups {
				pg := &portgroupM{name: name}
				for _, ps := range vs.PortgroupSettings {
					if ps.Name != name {
						continue
					}
					if ps.Vlan != nil {
						pg.vlan = *ps.Vlan
					}
					if t := ps.Teaming; t != nil {
						pg.teaming = nicTeaming(t.Policy, t.Active, t.Standby)
					}
				}
				m.portgroups = append(m.portgroups, pg)
			}
			hm.vswitches = append(hm.vswitches, m)
		}
		for _, d := range w.switches {
			mb := d.inv.member(h.Name)
			if mb == nil {
				continue
			}
			px := &proxyM{dvs: d, joined: w.nextJoin()}
			for _, name := range d.inv.uplinkNames() {
				px.ports = append(px.ports, portM{name: name, key: d.buildPorts[h.Name][name]})
			}
			for _, p := range mb.Pnics {
				px.pnics = append(px.pnics, pnicOnPort{device: p.Device, port: px.portKey(p.Uplink)})
			}
			hm.proxies = append(hm.proxies, px)
		}
		hm.nextVssPort = 33554436
		for vi, v := range h.Vmkernels {
			mtu := int32(defaultMtu)
			if v.Mtu != nil {
				mtu = *v.Mtu
			}
			vn := &vnicM{
				device:   v.Device,
				services: append([]string(nil), v.Services...),
				spec: types.HostVirtualNicSpec{
					Ip: &types.HostIpConfig{
						IpAddress:  fmt.Sprintf("10.%d.%d.%d", 1+vi, hi/250, 1+hi%250),
						SubnetMask: "255.255.0.0",
					},
					Mac:                 mac(0x20, hi, vi),
					Mtu:                 mtu,
					TsoEnabled:          types.NewBool(true),
					NetStackInstanceKey: "defaultTcpipStack",
				},
			}
			if h.standardSwitch(v.Switch) != nil {
				vn.portgroup = v.Portgroup
				vn.vssPort = fmt.Sprintf("key-vim.host.PortGroup.Port-%d", hm.nextVssPort+vi)
			} else {
				d := w.switchByName(v.Switch)
				vn.dvs = d
				vn.dvPG = d.portgroupByName(v.Portgroup).Key
				vn.dvPort = d.newPort()
			}
			hm.vnics = append(hm.vnics, vn)
		}
		hm.nextVssPort += len(h.Vmkernels)
	}
	for _, d := range w.switches {
		d.buildPorts = nil
	}
	return nil
}

// vmNetworks gives each VM the network adapters the fixture lists for it, in their order:
// keys 4000, 4001, ... and labels as listed; a distributed portgroup's adapter gets a DV port
// of its own, as when the VM was connected. Then renders the VMs' devices.
func (w *world) vmNetworks() error {
	for _, h := range w.inv.Hosts {
		hm := w.hostByName[h.Name]
		byName := map[string]*harnessVM{}
		for _, ref := range hm.obj.Vm {
			byName[w.vms[ref].Name] = w.vms[ref]
		}
		for _, a := range h.VMAdapters {
			vm := byName[a.VM]
			n := &vmNic{key: 4000 + int32(len(vm.nics)), label: a.Adapter}
			vssName, dvsName := splitSwitch(a.Switch)
			if vs := hm.vswitch(vssName); vs != nil && (dvsName == "" || w.switchByName(dvsName) == nil) {
				n.network = a.Portgroup
			} else {
				d := w.switchByName(dvsName)
				n.dvs, n.dvPG, n.dvPort = d, d.portgroupByName(a.Portgroup).Key, d.newPort()
			}
			vm.nics = append(vm.nics, n)
		}
	}
	for i, vm := range w.vmList {
		for j, n := range vm.nics {
			n.mac = mac(0x40, i, j)
		}
		vm.Config.Hardware.Device = w.vmDevices(vm)
	}
	return nil
}

func (w *world) switchByName(name string) *dvsM {
	for _, d := range w.switches {
		if d.name() == name {
			return d
		}
	}
	return nil
}

func (w *world) switchByUUID(uuid string) *dvsM {
	for _, d := range w.switches {
		if d.uuid() == uuid {
			return d
		}
	}
	return nil
}

func (w *world) hostByRef(ref types.ManagedObjectReference) *hostM {
	for _, h := range w.hostList {
		if h.obj.Self == ref {
			return h
		}
	}
	return nil
}

func (w *world) nextJoin() int {
	w.joins++
	return w.joins
}

func itoa(i int) string { return strconv.Itoa(i) }
